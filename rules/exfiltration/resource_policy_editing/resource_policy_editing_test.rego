package rampart.rules.exfiltration.resource_policy_editing_test

import data.rampart.lib.testing
import data.rampart.rules.exfiltration.resource_policy_editing as rule

test_bucket_policies_of_every_bucket if {
	rule.deny == {{
		"msg": "statement \"Buckets\" allows s3:PutBucketPolicy, s3:PutBucketAcl on arn:aws:s3:::*: it can rewrite who may use every resource these actions reach",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Buckets", "Effect": "Allow", "Action": ["s3:CreateBucket", "s3:PutBucketPolicy", "s3:PutBucketAcl"], "Resource": "arn:aws:s3:::*"}])
}

test_wildcards_name_the_policy_actions if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "kms:*", "Resource": "arn:aws:kms:eu-west-1:111122223333:key/*"}])
	f.msg == "statement 0 allows kms:* (kms:CreateGrant, kms:PutKeyPolicy) on arn:aws:kms:eu-west-1:111122223333:key/*: it can rewrite who may use every resource these actions reach"
}

test_oss_and_kms_in_acs if {
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["oss:PutObject", "oss:PutObjectAcl"], "Resource": "*"}])
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "kms:SetSecretPolicy", "Resource": "acs:kms:*:*:secret/*"}])
}

test_mfa_softens if {
	some f in rule.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "oss:PutBucketPolicy", "Resource": "*", "Condition": {"Bool": {"acs:MFAPresent": "true"}}}])
	f.severity == "warning"
}

test_named_and_tagged_pass if {
	every s in [
		{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "arn:aws:s3:::www-example-site"},
		{"Effect": "Allow", "Action": "s3:PutObjectAcl", "Resource": "arn:aws:s3:::www-example-site/*"},
		{"Effect": "Allow", "Action": "kms:PutKeyPolicy", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/owner": "platform"}}},
		{"Effect": "Allow", "Action": ["s3:PutObject", "sqs:SetQueueAttributes"], "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "arn:aws:kms:*:*:key/*"},
		{"Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*", "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}},
		{"Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*", "Condition": {"StringLike": {"kms:ViaService": "ec2.*.amazonaws.com"}}},
		{"Effect": "Allow", "Action": ["logs:PutResourcePolicy", "events:PutPermission"], "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}

test_every_action_is_in_the_catalogue if {
	every dialect, services in rule.actions {
		every service, names in services {
			every name in names {
				rampart.action(dialect, concat(":", [service, name])) != null
			}
		}
	}
}
