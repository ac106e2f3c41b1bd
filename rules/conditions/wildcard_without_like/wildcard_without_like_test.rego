package rampart.rules.conditions.wildcard_without_like_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.wildcard_without_like

stmt(dialect, effect, condition) := testing.policy(dialect, "identity", [{
	"Sid": "S", "Effect": effect, "Action": "oss:DeleteBucket", "Resource": "*", "Condition": condition,
}])

test_deny_that_never_fires_is_an_error if {
	wildcard_without_like.deny == {{
		"msg": "StringEquals compares \"prod-*\" literally (the * is not a wildcard), so statement \"S\" never blocks a request through this value; use StringLike",
		"pointer": "/Statement/0/Condition/StringEquals/acs:SourceVpc/1",
	}} with input as stmt("acs", "Deny", {"StringEquals": {"acs:SourceVpc": ["vpc-prod", "prod-*"]}})
}

test_allow_exemption_is_an_error if {
	some f in wildcard_without_like.deny with input as stmt("aws", "Allow", {"StringNotEqualsIgnoreCase": {"aws:PrincipalArn": "arn:aws:iam::*:role/intern-*"}})
	not f.severity
	contains(f.msg, "the exception excludes nobody and statement \"S\" allows every value; use StringNotLike")
}

test_less_access_is_a_warning if {
	every case in [
		{"e": "Allow", "c": {"StringEquals": {"aws:PrincipalTag/team": "ops-?"}}, "m": "never grants through this value"},
		{"e": "Deny", "c": {"StringNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/admin-*"}}, "m": "nobody is exempt"},
	] {
		some f in wildcard_without_like.deny with input as stmt("aws", case.e, case.c)
		f.severity == "warning"
		contains(f.msg, case.m)
	}
}

test_like_arn_escapes_and_queries_pass if {
	every c in [
		{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/a-*"}},
		{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/a-*"}},
		{"StringEquals": {"aws:PrincipalTag/x": "a${*}b"}},
		{"StringEquals": {"aws:Referer": "https://example.com/page?id=1"}},
		{"StringEquals": {"aws:PrincipalTag/x": "plain"}},
	] {
		count(wildcard_without_like.deny) == 0 with input as stmt("aws", "Deny", c)
	}
}
