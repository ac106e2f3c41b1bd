package rampart.rules.redundancy.redundant_entries_test

import data.rampart.lib.testing
import data.rampart.rules.redundancy.redundant_entries

test_action_covered_by_a_wildcard if {
	redundant_entries.deny == {{
		"msg": "\"s3:GetObject\" in the Action of statement \"Read\" is already matched by \"s3:Get*\"; remove it",
		"pointer": "/Statement/0/Action/0",
	}} with input as testing.policy("aws", "identity", [{
		"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*", "s3:ListBucket"], "Resource": "*",
	}])
}

test_duplicates_and_covered_resources if {
	fs := redundant_entries.deny with input as testing.policy("acs", "identity", [{
		"Effect": "Allow",
		"Action": ["oss:GetObject", "OSS:getobject"],
		"Resource": ["acs:oss:*:*:reports/*", "acs:oss:*:*:reports/2026/q1.csv", "acs:oss:*:*:reports"],
	}])
	{f.pointer | some f in fs} == {"/Statement/0/Action/1", "/Statement/0/Resource/1"}
}

test_mutual_wildcards_report_the_later if {
	fs := redundant_entries.deny with input as testing.policy("aws", "identity", [{
		"Effect": "Allow", "Action": ["ec2:Describe*", "ec2:Describe**"], "Resource": "*",
	}])
	{f.pointer | some f in fs} == {"/Statement/0/Action/1"}
}

test_everything_covers if {
	count(redundant_entries.deny) == 2 with input as testing.policy("aws", "identity", [{
		"Effect": "Deny", "NotResource": ["*", "arn:aws:s3:::a", "arn:aws:s3:::b/*"], "Action": "s3:*",
	}])
}

test_distinct_entries_pass if {
	every actions in [
		["s3:GetObject", "s3:PutObject"],
		["s3:Get*", "s3:G?tObject"],
		["s3:GetObject*", "s3:Get*Object"],
		["s3:Get*", "ec2:GetConsoleOutput"],
	] {
		count(redundant_entries.deny) == 0 with input as testing.policy("aws", "identity", [{
			"Effect": "Allow", "Action": actions, "Resource": ["arn:aws:s3:::A/*", "arn:aws:s3:::a/x"],
		}])
	}
}

test_a_question_mark_pattern_is_covered_by_a_star if {
	fs := redundant_entries.deny with input as testing.policy("aws", "identity", [{
		"Effect": "Allow", "Action": ["s3:Get?bject", "s3:Get*"], "Resource": "*",
	}])
	{f.pointer | some f in fs} == {"/Statement/0/Action/0"}
}
