package rampart.rules.least_privilege.wildcard_resource_segment_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.wildcard_resource_segment as rule

test_bucket_name_wildcard if {
	rule.deny == {{
		"msg": "statement \"Backups\" allows s3:PutObject, s3:GetObject on arn:aws:s3:::backup-*/*: the bucket name is a wildcard, and bucket names are global, so it also matches buckets other accounts create with such names",
		"pointer": "/Statement/0/Resource",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Backups", "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:ListAllMyBuckets"], "Resource": "arn:aws:s3:::backup-*/*"}])
}

test_oss_and_jdcloud_buckets if {
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "oss:Put*", "Resource": ["acs:oss:*:*:reports/*", "acs:oss:*:*:logs-*/*"]}])
	some f in rule.deny with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "jrn:oss:*:*:export?/*"}])
	f.pointer == "/Statement/0/Resource"
}

test_account_wildcard if {
	rule.deny == {{
		"msg": "statement 0 allows sts:AssumeRole on arn:aws:iam::*:role/OrganizationAccountAccessRole: the account is a wildcard, so it reaches the resource in every account that lets the principal in",
		"pointer": "/Statement/0/Resource",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/OrganizationAccountAccessRole"}])
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:eu-west-1:*:key/1234abcd-12ab-34cd-56ef-1234567890ab"}])
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "secretsmanager:Get*", "Resource": "arn:aws:secretsmanager:*:*:secret:prod/db-*"}])
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "arn:aws:iam::*:role/app-deployer"}])
}

test_pinned_owner_passes if {
	every cond in [{"StringEquals": {"s3:ResourceAccount": "111122223333"}}, {"StringEquals": {"aws:ResourceOrgID": "o-a1b2c3d4e5"}}] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::backup-*/*", "Condition": cond}])
	}
}

test_ordinary_wildcards_pass if {
	every s in [
		{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::backups/*"},
		{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::*/*"},
		{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::backup-*"},
		{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
		{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:*:*:log-group:/aws/lambda/*"},
		{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:*:*:function:render"},
		{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:*:*:key/*"},
		{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/deploy-*"},
		{"Effect": "Deny", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::backup-*/*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ecs:StopInstance", "Resource": "acs:ecs:*:*:instance/i-web*"}])
}
