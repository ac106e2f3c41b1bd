package rampart.rules.schema.principal_name_wildcard_test

import data.rampart.lib.testing
import data.rampart.rules.schema.principal_name_wildcard

test_aws_role_family if {
	principal_name_wildcard.deny == {{
		"msg": "statement \"CI\" names the principal arn:aws:iam::111122223333:role/ci-*: a wildcard inside a principal name is not a pattern; AWS rejects the policy; name the account and limit it with ArnLike on aws:PrincipalArn",
		"pointer": "/Statement/0/Principal/AWS/1",
	}} with input as testing.policy("aws", "trust", [{
		"Sid": "CI", "Effect": "Allow", "Action": "sts:AssumeRole",
		"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/ci-*"]},
	}])
}

test_acs_and_jdcloud if {
	some f in principal_name_wildcard.deny with input as testing.policy("acs", "trust", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"RAM": "acs:ram::*:root"}}])
	f == {
		"msg": "statement 0 names the principal acs:ram::*:root: a wildcard inside a principal name is not a pattern; the entry names nobody (rampart matches it literally); list the principals one by one",
		"pointer": "/Statement/0/Principal/RAM",
	}
	count(principal_name_wildcard.deny) == 2 with input as testing.policy("jdcloud", "trust", [{"Effect": "Allow", "Action": "sts:assumeRole", "Resource": "*", "Principal": {"JDCLOUD": ["jrn:iam::12345678901?:root", "jrn:iam::*:user/ops"]}}])
	count(principal_name_wildcard.deny) == 1 with input as testing.policy("aws", "resource", [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "NotPrincipal": {"Service": "*.amazonaws.com"}}])
}

test_everyone_and_names_pass if {
	every p in [
		"*",
		{"AWS": "*"},
		{"AWS": ["111122223333", "arn:aws:iam::111122223333:role/deploy"]},
		{"Service": "ec2.amazonaws.com"},
	] {
		count(principal_name_wildcard.deny) == 0 with input as testing.policy("aws", "trust", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": p}])
	}
}
