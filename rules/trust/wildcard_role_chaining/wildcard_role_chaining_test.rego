package rampart.rules.trust.wildcard_role_chaining_test

import data.rampart.lib.testing
import data.rampart.rules.trust.wildcard_role_chaining as rule

trust(cond) := testing.policy("aws", "trust", [{
	"Sid": "Chain", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
	"Action": "sts:AssumeRole", "Condition": cond,
}])

test_every_role if {
	rule.deny == {{
		"msg": "statement \"Chain\" lets every role of account 444455556666 assume this role (aws:PrincipalArn matches arn:aws:iam::444455556666:role/*): roles created there later get in too",
		"pointer": "/Statement/0/Condition/ArnLike/aws:PrincipalArn",
	}} with input as trust({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/*"}})
	every v in ["arn:aws:iam::444455556666:*", "arn:aws:iam::444455556666:role*", "arn:aws:iam::444455556666:*role/*"] {
		some f in rule.deny with input as trust({"StringLike": {"AWS:PrincipalArn": v}})
		not f.severity
	}
}

test_a_family_of_roles_is_a_note if {
	rule.deny == {{
		"msg": "statement \"Chain\" lets the roles of account 444455556666 that match role/ci-* assume this role (aws:PrincipalArn): a new role with a matching name gets in too",
		"pointer": "/Statement/0/Condition/StringLike/aws:PrincipalArn/1",
		"severity": "info",
	}} with input as trust({"StringLike": {"aws:PrincipalArn": ["arn:aws:iam::444455556666:role/deploy", "arn:aws:iam::444455556666:role/ci-*"]}})
}

test_not_reported if {
	every cond in [
		{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/deploy"}},
		{"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/*"}},
		{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/*"}},
		{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}},
		{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:user/*"}},
		{"StringLike": {"aws:SourceArn": "arn:aws:iam::444455556666:role/*"}},
	] {
		count(rule.deny) == 0 with input as trust(cond)
	}
	count(rule.deny) == 0 with input as testing.policy("aws", "trust", [{
		"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole",
		"Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/*"}},
	}])
}
