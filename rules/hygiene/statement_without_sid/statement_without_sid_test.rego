package rampart.rules.hygiene.statement_without_sid_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.statement_without_sid

test_statements_without_sid_among_several if {
	statement_without_sid.deny == {
		{"msg": "statement 0 has no Sid in a policy of 3 statements: findings and suppressions name it by its position, which changes when the policy is edited", "pointer": "/Statement/0"},
		{"msg": "statement 2 has no Sid in a policy of 3 statements: findings and suppressions name it by its position, which changes when the policy is edited", "pointer": "/Statement/2"},
	} with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Sid": "Named", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
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
