package rampart.rules.schema.duplicate_sid_test

import data.rampart.lib.testing
import data.rampart.rules.schema.duplicate_sid

test_second_and_third_point_at_the_first if {
	duplicate_sid.deny == {
		{
			"msg": "Sid \"Read\" is also the Sid of statement 0; Sids name statements in reviews and suppressions, so each must be unique",
			"pointer": "/Statement/2/Sid",
			"related": [{"msg": "first statement \"Read\"", "pointer": "/Statement/0/Sid"}],
		},
		{
			"msg": "Sid \"Read\" is also the Sid of statement 0; Sids name statements in reviews and suppressions, so each must be unique",
			"pointer": "/Statement/3/Sid",
			"related": [{"msg": "first statement \"Read\"", "pointer": "/Statement/0/Sid"}],
		},
	} with input as testing.policy("aws", "identity", [
		{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
		{"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
		{"Sid": "Read", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
	])
}

test_sids_compare_exactly if {
	count(duplicate_sid.deny) == 0 with input as testing.policy("aws", "identity", [
		{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Sid": "read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
	])
}

test_missing_sids_are_not_duplicates if {
	count(duplicate_sid.deny) == 0 with input as testing.policy("acs", "identity", [
		{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Action": "oss:ListObjects", "Resource": "*"},
	])
}
