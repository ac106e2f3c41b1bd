package rampart.rules.privilege_escalation.assume_any_role_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.assume_any_role

test_star_resource if {
	assume_any_role.deny == {{
		"msg": "statement \"Hop\" allows sts:AssumeRole on every resource, so every role that trusts this account",
		"pointer": "/Statement/0/Resource",
	}} with input as testing.policy("acs", "identity", [{"Sid": "Hop", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}])
}

test_role_patterns if {
	every case in [
		{"d": "acs", "r": "acs:ram:*:*:role/*", "want": "every role of every account"},
		{"d": "acs", "r": "acs:ram::11223344:role/*", "want": "every role of account 11223344"},
		{"d": "aws", "r": "arn:aws:iam::*:role/*", "want": "every role of every account"},
		{"d": "aws", "r": "arn:aws:iam::1111222*:role/*", "want": "every role of the accounts 1111222* matches"},
		{"d": "jdcloud", "r": "jrn:iam::999988887777:role/*", "want": "every role of account 999988887777"},
	] {
		some f in assume_any_role.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": ["sts:*"], "Resource": [case.r]}])
		endswith(f.msg, case.want)
		f.pointer == "/Statement/0/Resource/0"
	}
}

test_patterns_covering_assume_role if {
	every action in ["sts:AssumeRole", "STS:assumerole", "sts:Assume*", "sts:*"] {
		count(assume_any_role.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": action, "Resource": "*"}])
	}
}

test_narrow_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "acs:ram::11223344:role/deployer"},
		{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "acs:ram::11223344:role/deploy-*"},
		{"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"},
	] {
		count(assume_any_role.deny) == 0 with input as testing.policy("acs", "identity", [s])
	}
}
