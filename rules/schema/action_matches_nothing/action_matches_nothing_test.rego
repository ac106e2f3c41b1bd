package rampart.rules.schema.action_matches_nothing_test

import data.rampart.lib.testing
import data.rampart.rules.schema.action_matches_nothing

test_typo_in_a_pattern if {
	action_matches_nothing.deny == {
		{"msg": "s3:Gett* matches no action: no action of the aws catalogue's s3 service fits it", "pointer": "/Statement/0/Action/1"},
		{"msg": "s4:Get* matches no action: the aws catalogue has no service s4", "pointer": "/Statement/0/Action/2"},
	} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["s3:Get*", "s3:Gett*", "s4:Get*"], "Resource": "*"}])
}

test_deny_says_it_blocks_nothing if {
	action_matches_nothing.deny == {{
		"msg": "ram:Delete*Polcy* matches no action: no action of the acs catalogue's ram service fits it; this Deny blocks nothing through it",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("acs", "control", [{"Effect": "Deny", "Action": "ram:Delete*Polcy*", "Resource": "*"}])
}

test_no_service_prefix if {
	action_matches_nothing.deny == {
		{"msg": "GetObject has no service prefix, so it matches no action (an action is service:Action, as in oss:GetObject)", "pointer": "/Statement/0/Action/0"},
		{"msg": "Describe* has no service prefix, so it matches no action (an action is service:Action, as in oss:GetObject)", "pointer": "/Statement/0/Action/1"},
	} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["GetObject", "Describe*"], "Resource": "*"}])
}

test_matching_and_unchecked_patterns_pass if {
	every case in [
		{"d": "aws", "a": "s3:Get*"},
		{"d": "aws", "a": "iam:*AccessKey*"},
		{"d": "aws", "a": "S3:GET*"},
		{"d": "aws", "a": "*"},
		{"d": "aws", "a": "*:Get*"},
		{"d": "aws", "a": ""},
		{"d": "acs", "a": "ram:List*"},
		{"d": "acs", "a": "oss:*Object"},
		{"d": "jdcloud", "a": "iam:describe*"},
		# services the catalogue does not list in full are not checked
		{"d": "acs", "a": "log:Gett*"},
		{"d": "jdcloud", "a": "vm:describeNothing*"},
	] {
		count(action_matches_nothing.deny) == 0 with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": "*"}])
	}
}
