package rampart.rules.trust.any_principal_assume_test

import data.rampart.lib.testing
import data.rampart.rules.trust.any_principal_assume

test_aws_star if {
	any_principal_assume.deny == {{
		"msg": "statement 0 lets any principal assume this role (AWS *): no condition names the caller's account, organization or principal",
		"pointer": "/Statement/0/Principal/AWS",
	}} with input as testing.policy("aws", "trust", [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}])
}

test_bare_star if {
	some f in any_principal_assume.deny with input as testing.policy("aws", "trust", [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}])
	f.pointer == "/Statement/0/Principal"
}

test_acs_account_wildcard if {
	some f in any_principal_assume.deny with input as testing.policy("acs", "trust", [{"Effect": "Allow", "Principal": {"RAM": ["acs:ram::12345678:root", "acs:ram::*:root"]}, "Action": "sts:AssumeRole"}])
	f.pointer == "/Statement/0/Principal/RAM/1"
}

test_weak_conditions_are_named if {
	some f in any_principal_assume.deny with input as testing.policy("aws", "trust", [{
		"Sid": "Partners", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
		"Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "StringLike": {"aws:PrincipalArn": "*"}},
	}])
	f.msg == "statement \"Partners\" lets any principal assume this role (AWS *): its conditions (aws:PrincipalArn, aws:SourceIp) do not say who the caller is"
}

test_binding_condition_passes if {
	every cond in [
		{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}},
		{"StringEquals": {"AWS:PrincipalAccount": ["111122223333"]}},
		{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*"}},
	] {
		count(any_principal_assume.deny) == 0 with input as testing.policy("aws", "trust", [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": cond}])
	}
}

test_named_principals_and_deny_pass if {
	every s in [
		{"Effect": "Allow", "Principal": {"RAM": "acs:ram::12345678:root"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"Service": "ecs.aliyuncs.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Deny", "Principal": {"RAM": "*"}, "Action": "sts:AssumeRole"},
	] {
		count(any_principal_assume.deny) == 0 with input as testing.policy("acs", "trust", [s])
	}
}
