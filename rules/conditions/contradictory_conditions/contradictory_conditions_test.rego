package rampart.rules.conditions.contradictory_conditions_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.contradictory_conditions

stmt(dialect, effect, condition) := testing.policy(dialect, "identity", [{
	"Sid": "S", "Effect": effect, "Action": "ecs:StartInstance", "Resource": "*",
	"Condition": condition,
}])

test_window_closed_before_it_opens if {
	contradictory_conditions.deny == {{
		"msg": "statement \"S\" can never apply: DateGreaterThan 2026-09-01T00:00:00Z and DateLessThan 2026-08-01T00:00:00Z leave no value between them; it grants nothing",
		"pointer": "/Statement/0/Condition/DateLessThan/acs:CurrentTime",
		"target": "key",
		"related": [{"msg": "DateGreaterThan on acs:CurrentTime", "pointer": "/Statement/0/Condition/DateGreaterThan/acs:CurrentTime"}],
	}} with input as stmt("acs", "Allow", {
		"DateGreaterThan": {"acs:CurrentTime": "2026-09-01T00:00:00Z"},
		"DateLessThan": {"acs:CurrentTime": "2026-08-01T00:00:00Z"},
	})
}

test_deny_protects_nothing if {
	some f in contradictory_conditions.deny with input as stmt("aws", "Deny", {
		"StringEquals": {"aws:RequestedRegion": "eu-west-1"},
		"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]},
	})
	f.msg == "statement \"S\" can never apply: every value StringEquals allows (eu-west-1), StringNotEquals forbids; this Deny protects nothing"
}

test_contradictions if {
	every c in [
		# loosest bounds decide: > 10 or > 20 is > 10, < 5 or < 8 is < 8
		{"NumericGreaterThan": {"aws:MultiFactorAuthAge": ["20", "10"]}, "NumericLessThan": {"aws:MultiFactorAuthAge": ["5", "8"]}},
		{"NumericGreaterThanEquals": {"aws:MultiFactorAuthAge": "10"}, "NumericLessThan": {"aws:MultiFactorAuthAge": "10"}},
		{"DateGreaterThanEquals": {"aws:CurrentTime": "2026-03-01"}, "DateLessThanEquals": {"aws:CurrentTime": "1772236800"}},
		{"StringEquals": {"aws:PrincipalTag/team": "ops"}, "StringEqualsIgnoreCase": {"aws:principaltag/team": ["dev", "qa"]}},
		{"StringEquals": {"aws:PrincipalTag/team": "Ops"}, "StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "ops"}},
		{"StringEquals": {"aws:PrincipalTag/team": "ops"}, "StringLike": {"aws:PrincipalTag/team": "dev-*"}},
		{"StringEquals": {"aws:PrincipalTag/team": ["ops-a", "ops-b"]}, "StringNotLike": {"aws:PrincipalTag/team": "ops-*"}},
		{"IpAddress": {"aws:SourceIp": ["203.0.113.0/25", "203.0.113.200"]}, "NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
		{"Null": {"aws:SourceVpc": "true"}, "StringEquals": {"aws:SourceVpc": "vpc-1"}},
		{"Bool": {"aws:SecureTransport": "true", "aws:securetransport": "false"}},
	] {
		count(contradictory_conditions.deny) == 1 with input as stmt("aws", "Allow", c)
	}
}

test_satisfiable_conditions_pass if {
	every c in [
		{"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}, "DateLessThan": {"aws:CurrentTime": "2026-02-01T00:00:00Z"}},
		{"NumericGreaterThanEquals": {"aws:MultiFactorAuthAge": "10"}, "NumericLessThanEquals": {"aws:MultiFactorAuthAge": "10"}},
		{"NumericGreaterThan": {"aws:MultiFactorAuthAge": ["20", "1"]}, "NumericLessThan": {"aws:MultiFactorAuthAge": "5"}},
		{"StringEquals": {"aws:PrincipalTag/team": ["ops", "dev"]}, "StringNotEquals": {"aws:PrincipalTag/team": "ops"}},
		{"StringEquals": {"aws:PrincipalTag/team": "ops"}, "StringLike": {"aws:PrincipalTag/team": "o*"}},
		{"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "Ops"}, "StringNotEquals": {"aws:PrincipalTag/team": "ops"}},
		{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "NotIpAddress": {"aws:SourceIp": "203.0.113.0/25"}},
		{"Null": {"aws:SourceVpc": "true"}, "StringNotEquals": {"aws:SourceVpc": "vpc-1"}},
		{"Null": {"aws:SourceVpc": "false"}, "StringEquals": {"aws:SourceVpc": "vpc-1"}},
		# other keys, set qualifiers, IfExists and variables are left alone
		{"StringEquals": {"aws:PrincipalTag/team": "ops"}, "StringNotEquals": {"aws:ResourceTag/team": "ops"}},
		{"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}, "ForAnyValue:StringNotEquals": {"aws:TagKeys": "a"}},
		{"StringEqualsIfExists": {"aws:PrincipalTag/team": "ops"}, "StringNotEquals": {"aws:PrincipalTag/team": "ops"}},
		{"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}, "StringNotEquals": {"aws:PrincipalTag/team": "${aws:username}"}},
		# values that do not parse are another rule's business
		{"NumericGreaterThan": {"aws:MultiFactorAuthAge": "ten"}, "NumericLessThan": {"aws:MultiFactorAuthAge": "5"}},
		{"IpAddress": {"aws:SourceIp": "office"}, "NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
	] {
		count(contradictory_conditions.deny) == 0 with input as stmt("aws", "Allow", c)
	}
}

test_contradictions_helper_lists_each_pair_once if {
	p := stmt("aws", "Deny", {
		"IpAddress": {"aws:SourceIp": "198.51.100.0/24", "aws:sourceip": "203.0.113.0/24"},
	})
	count(contradictory_conditions.contradictions(p.statements[0])) == 1
}
