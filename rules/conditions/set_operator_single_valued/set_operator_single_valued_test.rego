package rampart.rules.conditions.set_operator_single_valued_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.set_operator_single_valued

stmt(dialect, effect, condition) := testing.policy(dialect, "identity", [{
	"Sid": "S", "Effect": effect, "Action": "s3:GetObject", "Resource": "*", "Condition": condition,
}])

test_for_all_values_on_a_vpc_in_an_allow if {
	set_operator_single_valued.deny == {{
		"msg": "ForAllValues:StringEquals on the single-valued key aws:SourceVpc is also true when the request has no aws:SourceVpc, so statement \"S\" allows every request without it; use StringEquals",
		"pointer": "/Statement/0/Condition/ForAllValues:StringEquals/aws:SourceVpc",
		"target": "key",
	}} with input as stmt("aws", "Allow", {"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1"}})
}

test_deny_is_a_warning if {
	some f in set_operator_single_valued.deny with input as stmt("acs", "Deny", {"ForAllValues:StringEquals": {"acs:SourceVpc": "vpc-1"}})
	f.severity == "warning"
	contains(f.msg, "denies every request without it")
}

test_harmless_forms_are_info if {
	every c in [
		{"ForAnyValue:StringEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/a"}},
		{"ForAllValues:StringNotEquals": {"aws:SourceVpc": "vpc-1"}},
		{"ForAllValues:StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}},
		{"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1"}, "Null": {"aws:SourceVpc": "false"}},
		{"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1"}, "StringLike": {"aws:SourceVpc": "vpc-*"}},
	] {
		some f in set_operator_single_valued.deny with input as stmt("aws", "Allow", c)
		f.severity == "info"
	}
}

test_multi_valued_unknown_and_cnd003_keys_pass if {
	every c in [
		{"ForAllValues:StringEquals": {"aws:TagKeys": "a"}},
		{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-1/*"}},
		{"ForAllValues:StringEquals": {"example:Unknown": "a"}},
		{"ForAnyValue:StringNotEquals": {"aws:SourceVpc": "vpc-1"}},
		{"StringEquals": {"aws:SourceVpc": "vpc-1"}},
	] {
		count(set_operator_single_valued.deny) == 0 with input as stmt("aws", "Allow", c)
	}
}
