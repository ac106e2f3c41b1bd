package rampart.rules.hygiene.statement_without_sid_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.statement_without_sid

test_statements_without_sid_among_several if {
	statement_without_sid.deny == {{
		"msg": "2 of the 3 statements have no Sid (0, 2): findings and suppressions name them by their position, which changes when the policy is edited",
		"pointer": "/Statement/0",
		"related": [{"msg": "no Sid", "pointer": "/Statement/2"}],
	}} with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Sid": "Named", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
	])
}

test_all_and_one if {
	statement_without_sid.deny == {{
		"msg": "all of the 2 statements have no Sid (0, 1): findings and suppressions name them by their position, which changes when the policy is edited",
		"pointer": "/Statement/0",
		"related": [{"msg": "no Sid", "pointer": "/Statement/1"}],
	}} with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
	])
	statement_without_sid.deny == {{
		"msg": "1 of the 2 statements has no Sid (1): findings and suppressions name them by their position, which changes when the policy is edited",
		"pointer": "/Statement/1",
	}} with input as testing.policy("aws", "identity", [
		{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
	])
}

test_a_single_statement_needs_no_sid if {
	count(statement_without_sid.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}])
}

test_named_statements_pass if {
	count(statement_without_sid.deny) == 0 with input as testing.policy("aws", "identity", [
		{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Sid": "B", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
	])
}
