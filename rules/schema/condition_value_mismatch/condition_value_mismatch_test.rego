package rampart.rules.schema.condition_value_mismatch_test

import data.rampart.lib.testing
import data.rampart.rules.schema.condition_value_mismatch

test_values_that_do_not_parse if {
	condition_value_mismatch.deny == {
		{
			"msg": "statement \"Window\": \"31/12/2026\" for acs:CurrentTime is not a date (ISO 8601: 2026-12-31T23:59:59Z), which DateLessThan cannot read; the cloud rejects the policy or never matches the value, so the statement never applies",
			"pointer": "/Statement/0/Condition/DateLessThan/acs:CurrentTime",
		},
		{
			"msg": "statement \"Window\": \"10.0.0.0/33\" for acs:SourceIp is not an IP address or CIDR block, which IpAddress cannot read; the cloud rejects the policy or never matches the value, so the statement never applies",
			"pointer": "/Statement/0/Condition/IpAddress/acs:SourceIp/1",
		},
		{
			"msg": "statement \"Window\": \"yes\" for acs:MFAPresent is neither true nor false, which Bool cannot read; the cloud rejects the policy or never matches the value, so the statement never applies",
			"pointer": "/Statement/0/Condition/Bool/acs:MFAPresent",
		},
	} with input as testing.policy("acs", "identity", [{
		"Sid": "Window", "Effect": "Allow", "Action": "ecs:*", "Resource": "*",
		"Condition": {
			"DateLessThan": {"acs:CurrentTime": "31/12/2026"},
			"DateGreaterThan": {"acs:CurrentTime": "2026-01-01T08:00:00+08:00"},
			"IpAddress": {"acs:SourceIp": ["203.0.113.7", "10.0.0.0/33", "2001:db8::/32"]},
			"Bool": {"acs:MFAPresent": "yes"},
		},
	}])
}

test_deny_numbers_and_arns if {
	condition_value_mismatch.deny == {
		{
			"msg": "statement 0: \"ten\" for aws:MultiFactorAuthAge is not a number, which NumericGreaterThan cannot read; the cloud rejects the policy or never matches the value (rampart counts the condition as true in this Deny)",
			"pointer": "/Statement/0/Condition/NumericGreaterThan/aws:MultiFactorAuthAge",
		},
		{
			"msg": "statement 0: \"role/admin\" for aws:PrincipalArn is not a resource name, which ArnNotLike cannot read; the cloud rejects the policy or never matches the value (rampart counts the condition as true in this Deny)",
			"pointer": "/Statement/0/Condition/ArnNotLike/aws:PrincipalArn",
		},
		{
			"msg": "statement 0: \"not base64!\" for aws:Blob is not base64, which BinaryEquals cannot read; the cloud rejects the policy or never matches the value (rampart counts the condition as true in this Deny)",
			"pointer": "/Statement/0/Condition/BinaryEquals/aws:Blob",
		},
	} with input as testing.policy("aws", "identity", [{
		"Effect": "Deny", "Action": "iam:*", "Resource": "*",
		"Condition": {
			"NumericGreaterThan": {"aws:MultiFactorAuthAge": "ten"},
			"NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
			"ArnNotLike": {"aws:PrincipalArn": "role/admin"},
			"DateGreaterThan": {"aws:EpochTime": "1767225600"},
			"BinaryEquals": {"aws:Blob": "not base64!"},
			"Bool": {"aws:SecureTransport": false},
		},
	}])
}

test_bool_both_values if {
	condition_value_mismatch.deny == {{
		"msg": "statement 0: Bool on aws:SecureTransport lists both true and false, so every request that carries the key satisfies it: the condition only tests that the key is present",
		"pointer": "/Statement/0/Condition/Bool/aws:SecureTransport",
		"severity": "warning",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ["true", "false"]}}}])
}

test_epoch_outside_aws if {
	condition_value_mismatch.deny == {{
		"msg": "statement 0: \"1767225600\" for jdcloud:CurrentTime is a number; JD Cloud documents dates in ISO 8601 only (2026-12-31T23:59:59Z), and rampart reads it as epoch seconds, as AWS does",
		"pointer": "/Statement/0/Condition/DateLessThan/jdcloud:CurrentTime",
		"severity": "warning",
	}} with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "vm:*", "Resource": "*", "Condition": {"DateLessThan": {"jdcloud:CurrentTime": "1767225600"}}}])
}

test_good_values_pass if {
	count(condition_value_mismatch.deny) == 0 with input as testing.policy("aws", "identity", [{
		"Effect": "Allow", "Action": "s3:*", "Resource": "*",
		"Condition": {
			"DateLessThan": {"aws:CurrentTime": ["2027-01-01", "2027-01-01T00:00:00Z", "2027-01-01T00:00Z", "2027-01", "2027-01-01T00:00:00.5+08:00"]},
			"IpAddress": {"aws:SourceIp": ["203.0.113.7", "203.0.113.0/24", "2001:db8::1", "::/0"]},
			"NumericLessThanEquals": {"s3:max-keys": ["10", "1.5", "-3", "1e3"]},
			"Bool": {"aws:SecureTransport": "TRUE"},
			"ArnLike": {"aws:SourceArn": ["arn:aws:sns:*:111122223333:*", "*", "arn:aws:iam::${aws:PrincipalAccount}:role/x"]},
			"BinaryEquals": {"aws:Blob": "QUJD"},
			"StringEquals": {"aws:PrincipalTag/x": "31/12/2026"},
			"NumericEquals": {"aws:MultiFactorAuthAge": "${aws:x}"},
		},
	}])
}
