package rampart.rules.schema.unknown_action_test

import data.rampart.lib.testing
import data.rampart.rules.schema.unknown_action

test_typo_with_suggestion if {
	unknown_action.deny == {{
		"msg": "unknown action s3:GetObjekt: the aws catalogue has no such s3 action (did you mean s3:GetObject?)",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObjekt"], "Resource": "*"}])
}

test_unknown_aws_service if {
	some f in unknown_action.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}])
	f.msg == "unknown action s4:GetObject: the aws catalogue has no service s4 (did you mean s3:GetObject?)"
}

test_deny_says_the_guardrail_does_not_apply if {
	some f in unknown_action.deny with input as testing.policy("acs", "control", [{"Effect": "Deny", "Action": "ram:DeleteUsr", "Resource": "*"}])
	endswith(f.msg, "; this Deny does not block it")
}

test_not_action_is_checked if {
	count(unknown_action.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Deny", "NotAction": "iam:ListUserz", "Resource": "*"}])
}

test_known_and_unchecked_pass if {
	every case in [
		{"d": "aws", "a": "s3:GetObject"},
		{"d": "aws", "a": "S3:getobject"},
		{"d": "aws", "a": "s3:Get*"},
		{"d": "acs", "a": "oss:GetObject"},
		{"d": "acs", "a": "ram:ListUsers"},
		{"d": "jdcloud", "a": "iam:createSubUser"},
		{"d": "jdcloud", "a": "sts:assumeRole"},
		# services the catalogue does not list in full are not checked
		{"d": "acs", "a": "log:PostLogStoreLogs"},
		{"d": "acs", "a": "cdn:DescribeCdnDomain"},
		{"d": "jdcloud", "a": "vm:createInstance"},
	] {
		count(unknown_action.deny) == 0 with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": "*"}])
	}
}
