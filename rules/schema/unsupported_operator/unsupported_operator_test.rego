package rampart.rules.schema.unsupported_operator_test

import data.rampart.lib.testing
import data.rampart.rules.schema.unsupported_operator

test_acs_operators if {
	unsupported_operator.deny == {
		{
			"msg": "statement \"Guard\" uses the operator ArnNotLike: RAM has no ARN operators: the condition does not work as written (compare the name with StringLike)",
			"pointer": "/Statement/0/Condition/ArnNotLike",
			"target": "key",
		},
		{
			"msg": "statement \"Guard\" uses the operator StringEqualsIfExists: RAM does not document the IfExists suffix; rampart evaluates it as AWS does, RAM may not",
			"pointer": "/Statement/0/Condition/StringEqualsIfExists",
			"target": "key",
			"severity": "warning",
		},
		{
			"msg": "statement \"Guard\" uses the operator Null: RAM does not document Null; rampart evaluates it as AWS does, RAM may not",
			"pointer": "/Statement/0/Condition/Null",
			"target": "key",
			"severity": "warning",
		},
		{
			"msg": "statement \"Guard\" uses the operator BinaryEquals: RAM has no binary operators: the condition does not work as written",
			"pointer": "/Statement/0/Condition/BinaryEquals",
			"target": "key",
		},
	} with input as testing.policy("acs", "control", [{
		"Sid": "Guard", "Effect": "Deny", "Action": "ram:*", "Resource": "*",
		"Condition": {
			"ArnNotLike": {"acs:PrincipalARN": "acs:ram::*:role/admin", "acs:SourceArn": "x"},
			"StringEqualsIfExists": {"acs:SourceVpc": "vpc-1"},
			"Null": {"acs:SourceVpc": "true"},
			"BinaryEquals": {"acs:Token": "AAAA"},
			"StringLike": {"acs:UserAgent": "terraform*"},
			"ForAnyValue:StringEquals": {"acs:TagKeys": "team"},
		},
	}])
}

test_jdcloud_strict_list if {
	unsupported_operator.deny == {{
		"msg": "statement 0 uses the operator StringLike, which JD Cloud does not document (it documents ForAnyValue:StringEquals, IpAddress, NotIpAddress, StringEquals); rampart evaluates it as AWS does, JD Cloud may not",
		"pointer": "/Statement/0/Condition/StringLike",
		"target": "key",
		"severity": "warning",
	}} with input as testing.policy("jdcloud", "identity", [{
		"Effect": "Allow", "Action": "vm:*", "Resource": "*",
		"Condition": {
			"StringLike": {"jdcloud:ResourceTag/team": "ops-*", "jdcloud:ResourceTag/env": "prod*"},
			"IpAddress": {"jdcloud:SourceIp": "203.0.113.0/24"},
			"ForAnyValue:StringEquals": {"jdcloud:ResourceTag/app": ["a", "b"]},
		},
	}])
}

test_jdcloud_time_window_is_information if {
	unsupported_operator.deny == {{
		"msg": "statement 0 uses the operator DateLessThan on jdcloud:CurrentTime: JD Cloud promises time-window conditions but documents neither the operator nor the key; rampart evaluates it as AWS does",
		"pointer": "/Statement/0/Condition/DateLessThan",
		"target": "key",
		"severity": "info",
	}} with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "vm:*", "Resource": "*", "Condition": {"DateLessThan": {"jdcloud:CurrentTime": "2027-01-01T00:00:00+08:00"}}}])
}

test_documented_operators_pass if {
	count(unsupported_operator.deny) == 0 with input as testing.policy("acs", "identity", [{
		"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
		"Condition": {
			"StringEqualsIgnoreCase": {"acs:UserAgent": "x"},
			"NumericLessThan": {"ecs:Count": "3"},
			"DateLessThan": {"acs:CurrentTime": "2027-01-01T00:00:00Z"},
			"Bool": {"acs:MFAPresent": "true"},
			"NotIpAddress": {"acs:SourceIp": "203.0.113.0/24"},
			"ForAllValues:StringEquals": {"acs:TagKeys": "team"},
		},
	}])
}
