package rampart.rules.conditions.operator_key_type_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.operator_key_type

stmt(dialect, effect, condition) := testing.policy(dialect, "identity", [{
	"Sid": "S", "Effect": effect, "Action": "ecs:StopInstance", "Resource": "*", "Condition": condition,
}])

test_string_operator_on_an_ip_range if {
	operator_key_type.deny == {{
		"msg": "StringLike is a string operator and acs:SourceIp is an IP address: no request value matches, so statement \"S\" never grants; use IpAddress or NotIpAddress",
		"pointer": "/Statement/0/Condition/StringLike/acs:SourceIp",
		"target": "key",
	}} with input as stmt("acs", "Allow", {"StringLike": {"acs:SourceIp": "203.0.113.0/24"}})
}

test_mismatches_that_never_match if {
	every case in [
		{"e": "Allow", "c": {"IpAddress": {"aws:SourceVpc": "10.0.0.0/16"}}, "m": "never grants"},
		{"e": "Deny", "c": {"Bool": {"aws:PrincipalOrgID": "true"}}, "m": "never blocks"},
		{"e": "Deny", "c": {"NotIpAddress": {"aws:SourceVpce": "10.0.0.0/8"}}, "m": "blocks every request it names"},
		{"e": "Allow", "c": {"DateLessThan": {"aws:MultiFactorAuthAge": "2026-01-01"}}, "m": "never grants"},
		{"e": "Allow", "c": {"NumericLessThan": {"aws:CurrentTime": "5"}}, "m": "never grants"},
		{"e": "Allow", "c": {"StringNotEquals": {"aws:SourceIp": "10.0.0.0/8"}}, "m": "grants without it"},
	] {
		some f in operator_key_type.deny with input as stmt("aws", case.e, case.c)
		not f.severity
		contains(f.msg, case.m)
	}
}

test_usable_mismatches_are_info if {
	every c in [
		{"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/a"}},
		{"ArnLike": {"aws:PrincipalAccount": "111122223333"}},
		{"StringEquals": {"aws:SourceIp": "203.0.113.7"}},
		{"StringEquals": {"aws:SecureTransport": "true"}},
		{"StringLike": {"aws:CurrentTime": "2026-*"}},
	] {
		some f in operator_key_type.deny with input as stmt("aws", "Allow", c)
		f.severity == "info"
	}
}

test_fitting_operators_pass if {
	every c in [
		{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
		{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/a"}},
		{"NumericLessThan": {"aws:EpochTime": "1800000000"}},
		{"DateLessThan": {"aws:EpochTime": "1800000000"}},
		{"Null": {"aws:SourceIp": "false"}},
		{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}},
		{"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}},
		{"StringEquals": {"example:Unknown": "a"}},
	] {
		count(operator_key_type.deny) == 0 with input as stmt("aws", "Allow", c)
	}
}

# A wildcard compared literally is CND007's finding, not this rule's.
test_wildcards_compared_literally_are_left_to_cnd007 if {
	count(operator_key_type.deny) == 0 with input as testing.policy("aws", "resource", [{
		"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::payroll/*",
		"Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::444433332222:user/contractor-*"}},
	}])
}
