package rampart.rules.redundancy.duplicate_statement_test

import data.rampart.lib.testing
import data.rampart.rules.redundancy.duplicate_statement

test_pasted_statement if {
	duplicate_statement.deny == {{
		"msg": "statement \"ReadReportsAgain\" repeats statement \"ReadReports\" (the same effect, actions, resources, principals and conditions, up to order and case): a change to one of them leaves the other granting as before; delete one",
		"pointer": "/Statement/2",
		"related": [{"msg": "statement \"ReadReports\" is here", "pointer": "/Statement/0"}],
	}} with input as testing.policy("acs", "identity", [
		{"Sid": "ReadReports", "Effect": "Allow", "Action": ["oss:GetObject", "oss:ListObjects"], "Resource": "acs:oss:*:*:reports/*"},
		{"Sid": "Other", "Effect": "Allow", "Action": "ecs:DescribeInstances", "Resource": "*"},
		{"Sid": "ReadReportsAgain", "Effect": "Allow", "Action": ["OSS:ListObjects", "oss:getobject"], "Resource": ["acs:oss:*:*:reports/*"]},
	])
}

test_three_copies_name_the_copy_before if {
	s := {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/x": ["a", "b"]}}}
	t := {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*", "Condition": {"StringEquals": {"aws:principaltag/x": ["b", "a"]}}}
	fs := duplicate_statement.deny with input as testing.policy("aws", "identity", [s, t, s])
	{[f.pointer, f.related[0].pointer] | some f in fs} == {["/Statement/1", "/Statement/0"], ["/Statement/2", "/Statement/1"]}
}

test_different_statements_pass if {
	base := {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}
	every other in [
		object.union(base, {"Effect": "Deny"}),
		object.union(base, {"Resource": "arn:aws:s3:::A/*"}),
		object.union(base, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}}),
		{"Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"},
		object.union(base, {"Action": ["s3:GetObject", "s3:PutObject"]}),
	] {
		count(duplicate_statement.deny) == 0 with input as testing.policy("aws", "identity", [base, other])
	}
}

test_principals_count if {
	a := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}
	b := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}
	count(duplicate_statement.deny) == 0 with input as testing.policy("aws", "trust", [a, b])
	count(duplicate_statement.deny) == 1 with input as testing.policy("aws", "trust", [a, a])
}
