package rampart.rules.schema.iam_sid_characters_test

import data.rampart.lib.testing
import data.rampart.rules.schema.iam_sid_characters

test_hyphen_space_and_underscore if {
	iam_sid_characters.deny == {
		{
			"msg": "Sid \"read-reports\" holds \"-\": IAM accepts only letters and digits in a Sid and rejects the policy; write \"ReadReports\"",
			"pointer": "/Statement/0/Sid",
		},
		{
			"msg": "Sid \"Allow S3 read\" holds a space: IAM accepts only letters and digits in a Sid and rejects the policy; write \"AllowS3Read\"",
			"pointer": "/Statement/1/Sid",
		},
		{
			"msg": "Sid \"deny_all.prod\" holds the characters \"._\": IAM accepts only letters and digits in a Sid and rejects the policy; write \"DenyAllProd\"",
			"pointer": "/Statement/2/Sid",
		},
		{
			"msg": "Sid \"--\" holds \"-\": IAM accepts only letters and digits in a Sid and rejects the policy; write \"S1\"",
			"pointer": "/Statement/3/Sid",
		},
	} with input as testing.policy("aws", "identity", [
		{"Sid": "read-reports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Sid": "Allow S3 read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Sid": "deny_all.prod", "Effect": "Deny", "Action": "s3:*", "Resource": "*"},
		{"Sid": "--", "Effect": "Deny", "Action": "s3:*", "Resource": "*"},
	])
}

test_alphanumeric_and_absent_pass if {
	count(iam_sid_characters.deny) == 0 with input as testing.policy("aws", "identity", [
		{"Sid": "ReadReports2026", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
	])
}
