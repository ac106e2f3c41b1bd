package rampart.rules.trust.public_resource_policy_test

import data.rampart.lib.testing
import data.rampart.rules.trust.public_resource_policy

test_aws_bucket_open_to_everyone if {
	public_resource_policy.deny == {{
		"msg": "statement \"Public\" grants s3:GetObject to everyone, anonymous callers included: no condition limits who may call",
		"pointer": "/Statement/0/Principal",
	}} with input as testing.policy("aws", "resource", [{
		"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*",
	}])
}

test_forms_of_everyone if {
	every case in [
		["aws", {"AWS": "*"}, "/Statement/0/Principal/AWS"],
		["aws", {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "/Statement/0/Principal/AWS/1"],
		["acs", ["*"], "/Statement/0/Principal/0"],
		["acs", [], "/Statement/0/Principal"],
		["acs", {"RAM": "*"}, "/Statement/0/Principal/RAM"],
	] {
		fs := public_resource_policy.deny with input as testing.policy(case[0], "resource", [{
			"Effect": "Allow", "Principal": case[1], "Action": ["oss:GetObject", "oss:ListObjects"], "Resource": "*",
		}])
		{f.pointer | some f in fs} == {case[2]}
	}
}

test_message_names_the_actions if {
	some f in public_resource_policy.deny with input as testing.policy("acs", "resource", [{
		"Effect": "Allow", "Principal": ["*"], "Action": ["oss:GetObject", "oss:PutObject", "oss:DeleteObject"], "Resource": "acs:oss:*:*:b/*",
	}])
	f.msg == "statement 0 grants oss:GetObject and 2 more actions to everyone, anonymous callers included: no condition limits who may call"
	some h in public_resource_policy.deny with input as testing.policy("acs", "resource", [{"Effect": "Allow", "Principal": [], "Action": "oss:GetObject", "Resource": "*"}])
	h.msg == "statement 0 grants oss:GetObject to everyone, anonymous callers included (OSS reads an empty Principal as everyone): no condition limits who may call"
	some k in public_resource_policy.deny with input as testing.policy("acs", "resource", [{"Effect": "Allow", "Principal": {"RAM": ["*"]}, "Action": "kms:Decrypt", "Resource": "*"}])
	k.msg == "statement 0 grants kms:Decrypt to every principal of every account: no condition limits who may call"
	some g in public_resource_policy.deny with input as testing.policy("aws", "resource", [{
		"Effect": "Allow", "Principal": "*", "NotAction": "s3:DeleteBucket", "Resource": "*",
	}])
	g.msg == "statement 0 grants every action except s3:DeleteBucket to everyone, anonymous callers included: no condition limits who may call"
}

test_deny_unless_guard_passes if {
	count(public_resource_policy.deny) == 0 with input as testing.policy("aws", "resource", [
		{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
		{
			"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
			"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}},
		},
	])
}

test_guards_that_do_not_cover_keep_the_finding if {
	every guard in [
		{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}}},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::other/*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}}},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotLike": {"aws:PrincipalOrgID": "*"}}},
	] {
		count(public_resource_policy.deny) == 1 with input as testing.policy("aws", "resource", [
			{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
			guard,
		])
	}
}

test_named_principals_conditions_and_denies_pass if {
	every s in [
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Principal": {"Service": "*"}, "Action": "s3:PutObject", "Resource": "*"},
		{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"},
	] {
		count(public_resource_policy.deny) == 0 with input as testing.policy("aws", "resource", [s])
	}
	count(public_resource_policy.deny) == 0 with input as testing.policy("acs", "resource", [{"Effect": "Allow", "Principal": ["12345678"], "Action": "oss:GetObject", "Resource": "*"}])
}
