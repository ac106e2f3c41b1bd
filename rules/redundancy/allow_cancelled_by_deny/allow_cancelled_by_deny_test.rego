package rampart.rules.redundancy.allow_cancelled_by_deny_test

import data.rampart.lib.testing
import data.rampart.rules.redundancy.allow_cancelled_by_deny

test_exception_written_as_an_allow if {
	allow_cancelled_by_deny.deny == {{
		"msg": "statement \"BreakGlassDeletes\" never grants anything: statement \"NoDeletes\" denies every request it allows, without conditions, and an explicit Deny wins",
		"pointer": "/Statement/1",
		"related": [{"msg": "statement \"NoDeletes\" denies it", "pointer": "/Statement/0"}],
	}} with input as testing.policy("acs", "identity", [
		{"Sid": "NoDeletes", "Effect": "Deny", "Action": ["oss:Delete*", "ecs:DeleteInstance"], "Resource": "*"},
		{"Sid": "BreakGlassDeletes", "Effect": "Allow", "Action": "oss:DeleteObject", "Resource": "acs:oss:*:*:backups/*", "Condition": {"Bool": {"acs:MFAPresent": "true"}}},
	])
}

test_not_action_deny if {
	count(allow_cancelled_by_deny.deny) == 1 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*"},
		{"Effect": "Deny", "NotAction": ["s3:*", "iam:Get*"], "Resource": "*"},
	])
}

test_partial_or_conditional_denies_pass if {
	every p in [
		[{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:Delete*", "Resource": "*"}],
		[{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::prod/*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*/*"}],
		[{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
		[{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
		[{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}, {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}],
	] {
		count(allow_cancelled_by_deny.deny) == 0 with input as testing.policy("aws", "identity", p)
	}
}
