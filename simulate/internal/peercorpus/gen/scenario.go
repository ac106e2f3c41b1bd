package main

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ktype is the type of a condition key's value.
type ktype int

const (
	tStr ktype = iota
	tMulti
	tNum
	tDate
	tEpoch
	tBool
	tIP
	tARN
	tBinary
)

// entry is one condition key a case knows about: present in the request
// context with its values, or absent (a missing key).
type entry struct {
	key     string // canonical spelling
	typ     ktype
	vals    []string
	present bool
}

// principal is the caller.
type principal struct {
	arn      string
	account  string
	session  bool
	name     string // user name, or role name for a session
	userPath string
	roleARN  string
	sessName string
}

// scenario holds everything one case is built from.
type scenario struct {
	r       *rng
	p       principal
	act     action
	res     resource
	entries []*entry
	now     time.Time
	inOrg   bool // the principal's account is in an organization
	team    string
}

func (s *scenario) lookup(key string) *entry {
	for _, e := range s.entries {
		if strings.EqualFold(e.key, key) {
			return e
		}
	}
	return nil
}

func (s *scenario) set(key string, typ ktype, vals ...string) {
	if e := s.lookup(key); e != nil {
		e.typ, e.vals, e.present = typ, vals, true
		return
	}
	s.entries = append(s.entries, &entry{key: key, typ: typ, vals: vals, present: true})
}

// absent records a key that policies may test but that the request lacks.
func (s *scenario) absent(key string, typ ktype) {
	if s.lookup(key) != nil {
		return
	}
	s.entries = append(s.entries, &entry{key: key, typ: typ})
}

// value returns the single value of a present single-valued key.
func (s *scenario) value(key string) (string, bool) {
	e := s.lookup(key)
	if e == nil || !e.present || e.typ == tMulti || len(e.vals) != 1 {
		return "", false
	}
	return e.vals[0], true
}

func newScenario(r *rng) *scenario {
	s := &scenario{r: r}
	s.act = pick(r, actions)
	s.team = pick(r, teams)
	s.now = time.Date(2026, time.Month(r.between(1, 12)), r.between(1, 28), r.between(0, 23), r.between(0, 59), r.between(0, 59), 0, time.UTC)

	// Who calls: mostly the home account, sometimes the partner account
	// (cross-account), for resources that can carry a resource policy.
	pacct := acctHome
	crossOK := s.act.kind == kS3Object || s.act.kind == kS3Bucket || s.act.kind == kKMSKey ||
		s.act.kind == kSQS || s.act.kind == kAssumeRole || s.act.kind == kSecret || s.act.kind == kLambda
	if crossOK && r.chance(0.3) {
		pacct = acctPartner
	}
	s.inOrg = pacct == acctHome || r.chance(0.6)
	s.p.account = pacct
	if r.chance(0.5) {
		s.p.name = pick(r, userNames)
		if r.chance(0.25) {
			s.p.userPath = pick(r, []string{"eng/", "contractors/", "ops/team-a/"})
		}
		s.p.arn = userARN(pacct, s.p.userPath, s.p.name)
	} else {
		s.p.session = true
		s.p.name = pick(r, roleNames)
		s.p.roleARN = roleARN(pacct, s.p.name)
		s.p.sessName = pick(r, sessionNames)
		s.p.arn = sessionARN(pacct, s.p.name, s.p.sessName)
	}
	s.res = s.newResource()
	s.buildContext()
	return s
}

func (s *scenario) newResource() resource {
	r := s.r
	region := pick(r, regions)
	acct := acctHome
	switch s.act.kind {
	case kS3Object:
		b := pick(r, buckets)
		var key string
		switch r.intn(8) {
		case 0:
			key = "home/" + s.p.name + "/notes.txt"
		case 1:
			key = "teams/" + s.team + "/plan-2026.md"
		case 2:
			key = "teams/shared/handbook.pdf"
		case 3:
			key = "public/index.html"
		case 4:
			key = "raw/events/2026-03-01.json"
		case 5:
			key = "Finance/Budget.xlsx"
		case 6:
			key = pick(r, []string{"exports/cost$report.csv", "docs/faq?.txt"})
		default:
			key = "reports/2026/q1.csv"
		}
		return resource{arn: "arn:aws:s3:::" + b + "/" + key, account: acct, region: "", svc: "s3", typ: "", name: b + "/" + key}
	case kS3Bucket:
		b := pick(r, buckets)
		return resource{arn: "arn:aws:s3:::" + b, account: acct, svc: "s3", name: b}
	case kKMSKey:
		return s.regional(acct, region, "kms", "key/", pick(r, kmsKeyIDs))
	case kSQS:
		return s.regional(acct, region, "sqs", "", pick(r, queues))
	case kAssumeRole:
		name := pick(r, roleNames)
		if s.p.session && name == s.p.name && s.p.account == acct {
			name = "cross-audit"
		}
		return resource{arn: roleARN(acct, name), account: acct, svc: "iam", typ: "role/", name: name}
	case kIAMRole:
		name := pick(r, roleNames)
		return resource{arn: roleARN(acct, name), account: acct, svc: "iam", typ: "role/", name: name}
	case kIAMUser:
		name := pick(r, userNames)
		path := ""
		if !s.p.session && s.p.account == acct && r.chance(0.5) {
			name, path = s.p.name, s.p.userPath
		}
		return resource{arn: userARN(acct, path, name), account: acct, svc: "iam", typ: "user/", name: path + name}
	case kEC2:
		return s.regional(acct, region, "ec2", "instance/", pick(r, instanceIDs))
	case kDynamoDB:
		return s.regional(acct, region, "dynamodb", "table/", pick(r, tables))
	case kLambda:
		return s.regional(acct, region, "lambda", "function:", pick(r, functions))
	case kSecret:
		return s.regional(acct, region, "secretsmanager", "secret:", pick(r, secrets)+"-"+pick(r, []string{"AbCdEf", "x1Y2z3", "Q9w8E7"}))
	}
	// kNone: the account is the caller's own.
	return resource{arn: "*", account: s.p.account, region: region, svc: service(s.act.name)}
}

func (s *scenario) regional(acct, region, svc, typ, name string) resource {
	res := resource{account: acct, region: region, svc: svc, typ: typ, name: name}
	res.arn = res.head() + typ + name
	return res
}

// taggable reports whether aws:ResourceTag keys apply to the resource.
func (s *scenario) taggable() bool {
	switch s.act.kind {
	case kKMSKey, kSQS, kIAMRole, kAssumeRole, kIAMUser, kEC2, kDynamoDB, kLambda, kSecret:
		return true
	}
	return false
}

func (s *scenario) buildContext() {
	r := s.r
	p := s.p
	// Keys an evaluator could derive from the request are always present and
	// agree with it, so a replay never depends on what an evaluator derives.
	s.set("aws:CurrentTime", tDate, s.now.Format(time.RFC3339))
	s.set("aws:EpochTime", tEpoch, strconv.FormatInt(s.now.Unix(), 10))
	if p.session {
		s.set("aws:PrincipalArn", tARN, p.roleARN)
		s.set("aws:userid", tStr, "AROAEXAMPLEROLEID:"+p.sessName)
		s.set("aws:PrincipalType", tStr, "AssumedRole")
	} else {
		s.set("aws:PrincipalArn", tARN, p.arn)
		s.set("aws:username", tStr, p.name)
		s.set("aws:userid", tStr, "AIDAEXAMPLEUSERID"+strings.ToUpper(p.name[:1]))
		s.set("aws:PrincipalType", tStr, "User")
	}
	s.set("aws:PrincipalAccount", tStr, p.account)
	s.set("aws:ResourceAccount", tStr, s.res.account)
	region := s.res.region
	if region == "" {
		region = "us-east-1"
	}
	s.set("aws:RequestedRegion", tStr, region)
	s.set("aws:PrincipalIsAWSService", tBool, "false")

	if r.chance(0.85) {
		s.set("aws:SecureTransport", tBool, boolStr(r.chance(0.88)))
	} else {
		s.absent("aws:SecureTransport", tBool)
	}
	switch x := r.intn(20); {
	case x < 13:
		s.set("aws:SourceIp", tIP, pick(r, []string{"203.0.113.7", "198.51.100.23", "10.1.2.3", "192.0.2.200", "172.16.5.4", "52.94.7.1"}))
	case x < 16:
		s.set("aws:SourceIp", tIP, pick(r, []string{"2001:db8:1:2::17", "2001:db8:ab00::1", "2600:1f18:4e2:ff00::9"}))
	default:
		s.absent("aws:SourceIp", tIP)
		s.set("aws:SourceVpce", tStr, pick(r, []string{"vpce-1a2b3c4d", "vpce-0fedcba987"}))
		s.set("aws:SourceVpc", tStr, pick(r, []string{"vpc-111bbb22", "vpc-0abc9999"}))
		s.set("aws:VpcSourceIp", tIP, pick(r, []string{"10.0.12.7", "10.20.0.5"}))
	}
	if s.lookup("aws:SourceVpce") == nil {
		s.absent("aws:SourceVpce", tStr)
	}
	if r.chance(0.7) {
		mfa := r.chance(0.6)
		s.set("aws:MultiFactorAuthPresent", tBool, boolStr(mfa))
		if mfa {
			s.set("aws:MultiFactorAuthAge", tNum, strconv.Itoa(pick(r, []int{12, 300, 3599, 3600, 7200, 86400})))
		} else {
			s.absent("aws:MultiFactorAuthAge", tNum)
		}
	} else {
		s.absent("aws:MultiFactorAuthPresent", tBool)
		s.absent("aws:MultiFactorAuthAge", tNum)
	}
	if r.chance(0.75) {
		s.set(pick(r, []string{"aws:PrincipalTag/team", "aws:PrincipalTag/Team"}), tStr, s.team)
	} else {
		s.absent("aws:PrincipalTag/team", tStr)
	}
	if r.chance(0.5) {
		s.set("aws:PrincipalTag/env", tStr, pick(r, []string{"prod", "dev", "staging", "Prod"}))
	} else {
		s.absent("aws:PrincipalTag/env", tStr)
	}
	if r.chance(0.3) {
		s.set("aws:PrincipalTag/cost-center", tNum, pick(r, []string{"1200", "4711", "99", "1200.5"}))
	} else {
		s.absent("aws:PrincipalTag/cost-center", tNum)
	}
	if r.chance(0.25) {
		s.set("aws:PrincipalTag/label", tStr, pick(r, []string{"a*b", "why?", "cost$", "plain"}))
	}
	if r.chance(0.12) {
		s.set("aws:PrincipalTag/fingerprint", tBinary, base64.StdEncoding.EncodeToString([]byte(pick(r, []string{"key-2026", "rotated!", "\x00\x01\x02\xff"}))))
	}
	s.absent("aws:PrincipalTag/project", tStr)
	if s.inOrg {
		if r.chance(0.92) {
			s.set("aws:PrincipalOrgID", tStr, orgOf(p.account))
		} else {
			s.absent("aws:PrincipalOrgID", tStr)
		}
		if r.chance(0.6) {
			s.set("aws:PrincipalOrgPaths", tMulti, orgPath(p.account))
		} else {
			s.absent("aws:PrincipalOrgPaths", tMulti)
		}
	} else {
		s.absent("aws:PrincipalOrgID", tStr)
		s.absent("aws:PrincipalOrgPaths", tMulti)
	}
	if s.res.account == acctHome && r.chance(0.5) {
		s.set("aws:ResourceOrgID", tStr, orgHome)
	}
	if p.session {
		s.set("aws:TokenIssueTime", tDate, s.now.Add(-time.Duration(r.between(60, 40000))*time.Second).Format(time.RFC3339))
		if r.chance(0.3) {
			s.set("aws:SourceIdentity", tStr, pick(r, []string{"alice", "bob", "ci-runner"}))
		} else {
			s.absent("aws:SourceIdentity", tStr)
		}
	} else {
		s.absent("aws:TokenIssueTime", tDate)
	}
	if r.chance(0.4) {
		s.set("aws:UserAgent", tStr, pick(r, []string{"aws-cli/2.15.0 Python/3.11", "Boto3/1.34.1", "terraform/1.7.0", "console.amazonaws.com"}))
	}
	if r.chance(0.15) {
		s.set("aws:CalledVia", tMulti, sample(r, []string{"cloudformation.amazonaws.com", "athena.amazonaws.com", "dynamodb.amazonaws.com"}, r.between(1, 2))...)
		s.set("aws:ViaAWSService", tBool, "true")
	} else {
		s.absent("aws:CalledVia", tMulti)
		if r.chance(0.5) {
			s.set("aws:ViaAWSService", tBool, "false")
		}
	}
	if s.taggable() {
		if r.chance(0.6) {
			s.set(pick(r, []string{"aws:ResourceTag/team", "aws:ResourceTag/Team"}), tStr, pick(r, append([]string{s.team, s.team}, teams...)))
		} else {
			s.absent("aws:ResourceTag/team", tStr)
		}
		if r.chance(0.4) {
			s.set("aws:ResourceTag/env", tStr, pick(r, []string{"prod", "dev"}))
		} else {
			s.absent("aws:ResourceTag/env", tStr)
		}
	}
	if s.act.tags {
		var keys []string
		for _, k := range sample(r, []string{"team", "env", "owner", "CostCenter"}, r.between(0, 3)) {
			v := map[string]string{"team": s.team, "env": pick(r, []string{"prod", "dev"}), "owner": pick(r, userNames), "CostCenter": "4711"}[k]
			s.set("aws:RequestTag/"+k, tStr, v)
			keys = append(keys, k)
		}
		if len(keys) > 0 {
			s.set("aws:TagKeys", tMulti, keys...)
		} else {
			s.absent("aws:TagKeys", tMulti)
		}
		s.absent("aws:RequestTag/team", tStr)
	}
	for _, k := range s.act.keys {
		s.serviceKey(k)
	}
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func (s *scenario) serviceKey(k string) {
	r := s.r
	if r.chance(0.2) {
		s.absent(k, serviceKeyType(k))
		return
	}
	switch k {
	case "s3:ExistingObjectTag/classification", "s3:RequestObjectTag/classification":
		s.set(k, tStr, pick(r, []string{"public", "internal", "confidential"}))
	case "s3:RequestObjectTagKeys":
		s.set(k, tMulti, sample(r, []string{"classification", "owner", "retention"}, r.between(1, 3))...)
	case "s3:TlsVersion":
		s.set(k, tNum, pick(r, []string{"1.2", "1.3", "1.1"}))
	case "s3:authType":
		s.set(k, tStr, pick(r, []string{"REST-HEADER", "REST-QUERY-STRING", "POST"}))
	case "s3:signatureAge":
		s.set(k, tNum, pick(r, []string{"1200", "600000", "45"}))
	case "s3:versionid":
		s.set(k, tStr, pick(r, []string{"3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", "null"}))
	case "s3:x-amz-server-side-encryption":
		s.set(k, tStr, pick(r, []string{"aws:kms", "AES256"}))
	case "s3:x-amz-acl":
		s.set(k, tStr, pick(r, []string{"private", "public-read", "bucket-owner-full-control"}))
	case "s3:prefix":
		s.set(k, tStr, pick(r, []string{"home/" + s.p.name + "/", "teams/" + s.team + "/", "", "public/", "reports/2026/"}))
	case "s3:delimiter":
		s.set(k, tStr, "/")
	case "s3:max-keys":
		s.set(k, tNum, pick(r, []string{"10", "1000", "5000"}))
	case "kms:ViaService":
		s.set(k, tStr, pick(r, []string{"s3." + s.res.region + ".amazonaws.com", "secretsmanager." + s.res.region + ".amazonaws.com", "ec2.us-east-1.amazonaws.com"}))
	case "kms:CallerAccount":
		s.set(k, tStr, s.p.account)
	case "kms:EncryptionContext:project":
		s.set(k, tStr, pick(r, []string{"phoenix", "atlas", s.team}))
	case "kms:EncryptionContextKeys":
		s.set(k, tMulti, sample(r, []string{"project", "aws:s3:arn", "tenant"}, r.between(1, 2))...)
	case "kms:EncryptionAlgorithm":
		s.set(k, tStr, pick(r, []string{"SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_256"}))
	case "kms:GrantIsForAWSResource":
		s.set(k, tBool, boolStr(r.chance(0.5)))
	case "sts:ExternalId":
		s.set(k, tStr, pick(r, []string{"Unique-Ext-4711", "partner-8c1f", "wrong-id"}))
	case "sts:RoleSessionName":
		name := s.p.name
		if s.p.session {
			name = pick(r, []string{"chain-1", s.p.sessName})
		}
		s.set(k, tStr, name)
	case "sts:SourceIdentity":
		s.set(k, tStr, pick(r, []string{"alice", s.p.name}))
	case "sts:TransitiveTagKeys":
		s.set(k, tMulti, sample(r, []string{"team", "env", "project"}, r.between(1, 2))...)
	case "iam:PassedToService":
		s.set(k, tStr, pick(r, []string{"ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"}))
	case "iam:AssociatedResourceArn":
		s.set(k, tARN, pick(r, []string{"arn:aws:ec2:us-east-1:111122223333:instance/i-0abc1234def567890", "arn:aws:lambda:eu-west-1:111122223333:function:thumbnailer"}))
	case "iam:PolicyARN":
		s.set(k, tARN, pick(r, []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::111122223333:policy/app-limited"}))
	case "ec2:InstanceType":
		s.set(k, tStr, pick(r, []string{"t3.micro", "m5.large", "p4d.24xlarge"}))
	case "ec2:Region":
		s.set(k, tStr, s.res.region)
	case "dynamodb:LeadingKeys":
		s.set(k, tMulti, pick(r, [][]string{{s.p.name}, {"tenant-17"}, {s.p.name, "tenant-17"}})...)
	case "dynamodb:Attributes":
		s.set(k, tMulti, sample(r, []string{"id", "status", "email", "ssn"}, r.between(1, 3))...)
	case "dynamodb:Select":
		s.set(k, tStr, pick(r, []string{"SPECIFIC_ATTRIBUTES", "ALL_ATTRIBUTES"}))
	case "dynamodb:ReturnValues":
		s.set(k, tStr, pick(r, []string{"NONE", "ALL_OLD"}))
	case "secretsmanager:VersionStage":
		s.set(k, tStr, pick(r, []string{"AWSCURRENT", "AWSPREVIOUS"}))
	default:
		panic(fmt.Sprintf("no values for service key %s", k))
	}
}

func serviceKeyType(k string) ktype {
	switch k {
	case "s3:RequestObjectTagKeys", "kms:EncryptionContextKeys", "sts:TransitiveTagKeys", "dynamodb:LeadingKeys", "dynamodb:Attributes":
		return tMulti
	case "s3:TlsVersion", "s3:signatureAge", "s3:max-keys":
		return tNum
	case "kms:GrantIsForAWSResource":
		return tBool
	case "iam:AssociatedResourceArn", "iam:PolicyARN":
		return tARN
	}
	return tStr
}
