package rampart.rules.conditions.if_exists_security_key_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.if_exists_security_key

stmt(dialect, effect, condition) := testing.policy(dialect, "identity", [{
	"Sid": "Admin", "Effect": effect, "Action": "*", "Resource": "*", "Condition": condition,
}])

test_mfa_if_exists if {
	if_exists_security_key.deny == {{
		"msg": "BoolIfExists on aws:MultiFactorAuthPresent is true when the request has no aws:MultiFactorAuthPresent, so statement \"Admin\" allows calls signed with long-term access keys without this check; drop IfExists or add \"Null\": {\"aws:MultiFactorAuthPresent\": \"false\"}",
		"pointer": "/Statement/0/Condition/BoolIfExists/aws:MultiFactorAuthPresent",
		"target": "key",
	}} with input as stmt("aws", "Allow", {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}})
}

test_every_dialect if {
	every case in [
		{"d": "acs", "c": {"IpAddressIfExists": {"acs:SourceIp": "203.0.113.0/24"}}},
		{"d": "acs", "c": {"BoolIfExists": {"ACS:MFAPresent": "true"}}},
		{"d": "jdcloud", "c": {"IpAddressIfExists": {"jdcloud:SourceIp": "203.0.113.0/24"}}},
		{"d": "aws", "c": {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3"}}},
		{"d": "aws", "c": {"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:s3:::logs"}}},
	] {
		count(if_exists_security_key.deny) == 1 with input as stmt(case.d, "Allow", case.c)
	}
}

test_guarded_negated_deny_and_other_keys_pass if {
	every case in [
		{"e": "Allow", "c": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}, "Null": {"aws:MultiFactorAuthPresent": "false"}}},
		{"e": "Allow", "c": {"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}, "IpAddress": {"aws:sourceip": "203.0.113.0/16"}}},
		{"e": "Allow", "c": {"StringNotEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}},
		{"e": "Allow", "c": {"StringEqualsIfExists": {"aws:RequestedRegion": "eu-west-1"}}},
		{"e": "Deny", "c": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}},
		{"e": "Allow", "c": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
	] {
		count(if_exists_security_key.deny) == 0 with input as stmt("aws", case.e, case.c)
	}
}

test_a_guard_that_passes_without_the_key_does_not_count if {
	count(if_exists_security_key.deny) == 1 with input as stmt("aws", "Allow", {
		"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"},
		"Null": {"aws:MultiFactorAuthPresent": "true"},
	})
}

# The resource's account under IfExists is a warning: what comes without
# it are mostly calls on no resource.
test_resource_keys_are_warnings if {
	some f in if_exists_security_key.deny with input as testing.policy("aws", "identity", [{
		"Effect": "Allow", "Action": "ec2:CreateNetworkInterface", "Resource": "*",
		"Condition": {"StringEqualsIfExists": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}},
	}])
	f.severity == "warning"
}
