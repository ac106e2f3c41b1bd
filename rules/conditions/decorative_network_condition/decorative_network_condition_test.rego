package rampart.rules.conditions.decorative_network_condition_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.decorative_network_condition

stmt(dialect, effect, condition) := testing.policy(dialect, "identity", [{
	"Sid": "S", "Effect": effect, "Action": "ecs:*", "Resource": "*", "Condition": condition,
}])

test_allow_from_everywhere if {
	decorative_network_condition.deny == {{
		"msg": "IpAddress 0.0.0.0/0 holds every address: statement \"S\" allows from anywhere",
		"pointer": "/Statement/0/Condition/IpAddress/acs:SourceIp/1",
	}} with input as stmt("acs", "Allow", {"IpAddress": {"acs:SourceIp": ["203.0.113.0/24", "0.0.0.0/0"]}})
}

test_private_range_in_source_ip if {
	decorative_network_condition.deny == {{
		"msg": "NotIpAddress 10.8.0.0/16 is a private range and aws:SourceIp is the public address the request comes from: the exemption never holds and statement \"S\" blocks every caller",
		"pointer": "/Statement/0/Condition/NotIpAddress/aws:SourceIp",
		"severity": "info",
	}} with input as stmt("aws", "Deny", {"NotIpAddress": {"aws:SourceIp": "10.8.0.0/16"}})
}

test_cases_that_let_more_through_are_warnings if {
	every case in [
		{"d": "aws", "e": "Deny", "c": {"NotIpAddress": {"aws:SourceIp": "::/0"}}},
		{"d": "aws", "e": "Deny", "c": {"NotIpAddress": {"aws:SourceIp": "0.0.0.0/1"}}},
		{"d": "aws", "e": "Deny", "c": {"IpAddress": {"aws:SourceIp": "192.168.1.10"}}},
		{"d": "aws", "e": "Allow", "c": {"NotIpAddress": {"aws:SourceIp": "fd00::/8"}}},
		{"d": "jdcloud", "e": "Allow", "c": {"IpAddress": {"jdcloud:SourceIp": "0.0.0.0/0"}}},
		{"d": "aws", "e": "Allow", "c": {"IpAddress": {"aws:VpcSourceIp": "0.0.0.0/0"}}},
		{"d": "aws", "e": "Allow", "c": {"StringLike": {"aws:SourceVpc": "*"}}},
	] {
		some f in decorative_network_condition.deny with input as stmt(case.d, case.e, case.c)
		not f.severity
	}
}

test_real_ranges_pass if {
	every case in [
		{"d": "aws", "e": "Allow", "c": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32", "8.0.0.0/8"]}}},
		{"d": "aws", "e": "Allow", "c": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}},
		# JD Cloud does not say that its source IP is public only
		{"d": "jdcloud", "e": "Allow", "c": {"IpAddress": {"jdcloud:SourceIp": "10.0.0.0/16"}}},
		{"d": "aws", "e": "Allow", "c": {"StringLike": {"aws:SourceVpc": "vpc-0a*"}}},
		{"d": "aws", "e": "Deny", "c": {"StringLike": {"aws:SourceVpc": "*"}}},
		{"d": "aws", "e": "Allow", "c": {"IpAddress": {"aws:SourceIp": "not-an-ip/8x"}}},
	] {
		count(decorative_network_condition.deny) == 0 with input as stmt(case.d, case.e, case.c)
	}
}
