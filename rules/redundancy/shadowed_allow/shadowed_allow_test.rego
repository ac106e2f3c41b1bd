package rampart.rules.redundancy.shadowed_allow_test

import data.rampart.lib.testing
import data.rampart.rules.redundancy.shadowed_allow

test_narrow_statement_under_a_broad_one if {
	shadowed_allow.deny == {{
		"msg": "statement \"ReadQ1WithMfa\" grants nothing that statement \"ReadAll\" does not already grant: its actions and resources are covered and statement \"ReadAll\" has no condition it lacks; remove it, or narrow statement \"ReadAll\"",
		"pointer": "/Statement/1",
		"related": [{"msg": "statement \"ReadAll\" covers it", "pointer": "/Statement/0"}],
	}} with input as testing.policy("aws", "identity", [
		{"Sid": "ReadAll", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::reports/*"},
		{
			"Sid": "ReadQ1WithMfa", "Effect": "Allow", "Action": ["s3:GetObject", "S3:GetObjectVersion"],
			"Resource": "arn:aws:s3:::reports/2026/q1/*",
			"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
		},
	])
}

test_covering_forms if {
	every p in [
		# NotAction that leaves the actions in
		[{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}, {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "arn:aws:ec2:*:*:instance/i-1"}],
		# a wider NotAction
		[{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}, {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}],
		# the same conditions
		[
			{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
			{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
		],
	] {
		count(shadowed_allow.deny) == 1 with input as testing.policy("aws", "identity", p)
	}
}

test_trust_principals if {
	p := testing.policy("aws", "trust", [
		{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"},
	])
	{f.pointer | some f in shadowed_allow.deny with input as p} == {"/Statement/1"}
}

test_mutual_cover_reports_the_later_and_copies_are_left_alone if {
	fs := shadowed_allow.deny with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:**", "Resource": "*"},
	])
	{f.pointer | some f in fs} == {"/Statement/1"}
	count(shadowed_allow.deny) == 0 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "S3:*", "Resource": "*"},
	])
}

test_statements_that_add_something_pass if {
	every p in [
		[{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}, {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}],
		[{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::a/*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}],
		[{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
		[{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
		[{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
		[{"Effect": "Allow", "NotAction": "s3:Get*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:G*", "Resource": "*"}],
		[{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::a/*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/x"}],
	] {
		count(shadowed_allow.deny) == 0 with input as testing.policy("aws", "identity", p)
	}
}
