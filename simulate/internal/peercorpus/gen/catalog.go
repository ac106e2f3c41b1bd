package main

import (
	"fmt"
	"strings"
)

// Accounts and organizations used by the cases. The home account owns most
// resources; the partner account calls in from outside; the third account
// only appears in policies, never as a caller.
const (
	acctHome    = "111122223333"
	acctPartner = "444455556666"
	acctThird   = "777788889999"

	orgHome    = "o-a1b2c3d4e5"
	orgPartner = "o-f6g7h8i9j0"
)

// orgPath is the aws:PrincipalOrgPaths entry of an account.
func orgPath(acct string) string {
	switch acct {
	case acctHome:
		return orgHome + "/r-ab12/ou-ab12-11111111/"
	case acctPartner:
		return orgPartner + "/r-cd34/ou-cd34-33333333/"
	}
	return orgHome + "/r-ab12/ou-ab12-22222222/"
}

func orgOf(acct string) string {
	if acct == acctPartner {
		return orgPartner
	}
	return orgHome
}

// rkind is the kind of resource an action acts on.
type rkind int

const (
	kS3Object rkind = iota
	kS3Bucket
	kKMSKey
	kSQS
	kAssumeRole // sts: actions on a role, governed by the trust policy
	kIAMRole
	kIAMUser
	kEC2
	kDynamoDB
	kLambda
	kSecret
	kNone // actions that take no resource: the request resource is "*"
)

// action is one real AWS action with the service condition keys that apply
// to it.
type action struct {
	name string
	kind rkind
	keys []string
	tags bool // the action carries request tags (aws:RequestTag/*, aws:TagKeys)
}

var actions = []action{
	{"s3:GetObject", kS3Object, []string{"s3:ExistingObjectTag/classification", "s3:TlsVersion", "s3:authType", "s3:signatureAge"}, false},
	{"s3:GetObjectVersion", kS3Object, []string{"s3:ExistingObjectTag/classification", "s3:versionid"}, false},
	{"s3:PutObject", kS3Object, []string{"s3:x-amz-server-side-encryption", "s3:x-amz-acl", "s3:RequestObjectTag/classification", "s3:RequestObjectTagKeys", "s3:TlsVersion"}, false},
	{"s3:DeleteObject", kS3Object, []string{"s3:TlsVersion", "s3:authType"}, false},
	{"s3:PutObjectTagging", kS3Object, []string{"s3:RequestObjectTag/classification", "s3:RequestObjectTagKeys", "s3:ExistingObjectTag/classification"}, false},
	{"s3:ListBucket", kS3Bucket, []string{"s3:prefix", "s3:delimiter", "s3:max-keys"}, false},
	{"s3:GetBucketPolicy", kS3Bucket, []string{"s3:TlsVersion"}, false},
	{"s3:PutBucketPolicy", kS3Bucket, []string{"s3:TlsVersion"}, false},
	{"s3:GetBucketLocation", kS3Bucket, nil, false},
	{"kms:Decrypt", kKMSKey, []string{"kms:ViaService", "kms:CallerAccount", "kms:EncryptionContextKeys", "kms:EncryptionAlgorithm"}, false},
	{"kms:Encrypt", kKMSKey, []string{"kms:ViaService", "kms:CallerAccount", "kms:EncryptionContextKeys"}, false},
	{"kms:GenerateDataKey", kKMSKey, []string{"kms:ViaService", "kms:CallerAccount", "kms:EncryptionContextKeys"}, false},
	{"kms:DescribeKey", kKMSKey, []string{"kms:ViaService", "kms:CallerAccount"}, false},
	{"kms:CreateGrant", kKMSKey, []string{"kms:GrantIsForAWSResource", "kms:ViaService", "kms:CallerAccount"}, false},
	{"sqs:SendMessage", kSQS, nil, false},
	{"sqs:ReceiveMessage", kSQS, nil, false},
	{"sqs:DeleteMessage", kSQS, nil, false},
	{"sqs:GetQueueAttributes", kSQS, nil, false},
	{"sqs:PurgeQueue", kSQS, nil, false},
	{"sts:AssumeRole", kAssumeRole, []string{"sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity"}, false},
	{"sts:TagSession", kAssumeRole, []string{"sts:TransitiveTagKeys"}, true},
	{"iam:PassRole", kIAMRole, []string{"iam:PassedToService", "iam:AssociatedResourceArn"}, false},
	{"iam:GetRole", kIAMRole, nil, false},
	{"iam:DeleteRole", kIAMRole, nil, false},
	{"iam:AttachRolePolicy", kIAMRole, []string{"iam:PolicyARN"}, false},
	{"iam:TagRole", kIAMRole, nil, true},
	{"iam:CreateAccessKey", kIAMUser, nil, false},
	{"iam:ChangePassword", kIAMUser, nil, false},
	{"iam:GetUser", kIAMUser, nil, false},
	{"ec2:StartInstances", kEC2, []string{"ec2:InstanceType", "ec2:Region"}, false},
	{"ec2:StopInstances", kEC2, []string{"ec2:InstanceType", "ec2:Region"}, false},
	{"ec2:TerminateInstances", kEC2, []string{"ec2:InstanceType", "ec2:Region"}, false},
	{"ec2:RebootInstances", kEC2, []string{"ec2:InstanceType"}, false},
	{"dynamodb:GetItem", kDynamoDB, []string{"dynamodb:LeadingKeys", "dynamodb:Attributes", "dynamodb:Select"}, false},
	{"dynamodb:PutItem", kDynamoDB, []string{"dynamodb:LeadingKeys", "dynamodb:Attributes", "dynamodb:ReturnValues"}, false},
	{"dynamodb:Query", kDynamoDB, []string{"dynamodb:LeadingKeys", "dynamodb:Select"}, false},
	{"dynamodb:DeleteItem", kDynamoDB, []string{"dynamodb:LeadingKeys"}, false},
	{"lambda:InvokeFunction", kLambda, nil, false},
	{"lambda:GetFunction", kLambda, nil, false},
	{"lambda:UpdateFunctionCode", kLambda, nil, false},
	{"secretsmanager:GetSecretValue", kSecret, []string{"secretsmanager:VersionStage"}, false},
	{"secretsmanager:DescribeSecret", kSecret, nil, false},
	{"secretsmanager:PutSecretValue", kSecret, nil, false},
	{"secretsmanager:TagResource", kSecret, nil, true},
	{"s3:ListAllMyBuckets", kNone, nil, false},
	{"ec2:DescribeInstances", kNone, nil, false},
	{"iam:ListRoles", kNone, nil, false},
	{"kms:ListKeys", kNone, nil, false},
	{"kms:CreateKey", kNone, nil, true},
	{"sqs:ListQueues", kNone, nil, false},
	{"dynamodb:ListTables", kNone, nil, false},
	{"lambda:ListFunctions", kNone, nil, false},
}

// rcpServices are the services whose resources resource control policies
// govern (AWS Organizations user guide, "Resource control policies").
var rcpServices = map[string]bool{"s3": true, "sts": true, "kms": true, "sqs": true, "secretsmanager": true}

func service(actionName string) string {
	return strings.ToLower(actionName[:strings.IndexByte(actionName, ':')])
}

func actionsOf(svc string) []string {
	var out []string
	for _, a := range actions {
		if service(a.name) == svc {
			out = append(out, a.name)
		}
	}
	return out
}

// Other action names used only as distractors in policies.
var distractorActions = []string{
	"ec2:DescribeVpcs", "logs:PutLogEvents", "logs:CreateLogStream", "cloudwatch:PutMetricData",
	"sns:Publish", "ssm:GetParameter", "ecr:GetAuthorizationToken", "route53:ChangeResourceRecordSets",
	"iam:CreateUser", "organizations:LeaveOrganization", "cloudtrail:StopLogging", "s3:PutBucketAcl",
	"kms:ScheduleKeyDeletion", "sqs:DeleteQueue", "dynamodb:DeleteTable", "lambda:AddPermission",
}

var regions = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"}

var buckets = []string{"corp-reports", "acme-data-lake", "team-shared", "logs-archive"}

var kmsKeyIDs = []string{
	"1234abcd-12ab-34cd-56ef-1234567890ab", "0987dcba-09fe-87dc-65ba-ab0987654321",
	"f2b1c0de-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
}

var queues = []string{"orders-queue", "audit-events", "jobs.fifo", "Billing_DLQ"}

var roleNames = []string{"ci-deploy", "data-reader", "cross-audit", "AppRunner", "ops-admin"}

var userNames = []string{"alice", "bob", "dev", "carol", "Dave.Ops", "erin"}

var tables = []string{"Orders", "Customers", "sessions-v2", "Inventory"}

var functions = []string{"process-orders", "thumbnailer", "AuthHook", "nightly-report"}

var secrets = []string{"prod/db/password", "ci/github-token", "payments-api-key"}

var instanceIDs = []string{"i-0abc1234def567890", "i-0fedcba9876543210", "i-01a2b3c4d5e6f7a8b"}

var teams = []string{"data", "platform", "finance", "ml"}

var sessionNames = []string{"build-4711", "alice", "botocore-session-1700000000", "i-0abc1234def567890", "dev@example.com"}

// resource is the concrete resource of a request.
type resource struct {
	arn     string
	account string
	region  string
	svc     string
	typ     string // resource type prefix, including its separator ("key/", "table/", "function:")
	name    string // the rest of the resource part
}

func (r resource) head() string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:", r.svc, r.region, r.account)
}

// withName is the ARN of a sibling resource of the same type.
func (r resource) withName(name string) string {
	if r.svc == "s3" {
		return "arn:aws:s3:::" + name
	}
	return r.head() + r.typ + name
}

func userARN(acct, path, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:user/%s%s", acct, path, name)
}

func roleARN(acct, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:role/%s", acct, name)
}

func sessionARN(acct, role, session string) string {
	return fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", acct, role, session)
}

func rootARN(acct string) string { return fmt.Sprintf("arn:aws:iam::%s:root", acct) }
