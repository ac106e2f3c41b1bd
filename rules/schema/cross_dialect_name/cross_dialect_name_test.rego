package rampart.rules.schema.cross_dialect_name_test

import data.rampart.lib.testing
import data.rampart.rules.schema.cross_dialect_name

test_aws_policy_copied_into_ram if {
	cross_dialect_name.deny == {
		{
			"msg": "statement \"ReadReports\" names s3:GetObject, an AWS action, in this Alibaba Cloud policy (Version \"1\"): the acs catalogue has no service s3; the statement grants nothing through it",
			"pointer": "/Statement/0/Action/0",
			"severity": "warning",
		},
		{
			"msg": "statement \"ReadReports\" names the resource arn:aws:s3:::reports/*, an AWS name, in this Alibaba Cloud policy (Version \"1\"): it names no acs resource, so the statement grants nothing there",
			"pointer": "/Statement/0/Resource",
		},
		{
			"msg": "statement \"ReadReports\" tests aws:SourceIp, an AWS condition key, in this Alibaba Cloud policy (Version \"1\"): the request never carries it, so the condition is never true and the statement never applies",
			"pointer": "/Statement/0/Condition/IpAddress/aws:SourceIp",
			"target": "key",
		},
	} with input as testing.policy("acs", "identity", [{
		"Sid": "ReadReports", "Effect": "Allow",
		"Action": ["s3:GetObject", "oss:GetObject"],
		"Resource": "arn:aws:s3:::reports/*",
		"Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
	}])
}

test_ram_names_in_aws_deny if {
	cross_dialect_name.deny == {
		{
			"msg": "statement 0 names the resource acs:oss:*:*:prod/*, an Alibaba Cloud name, in this AWS policy (Version \"2012-10-17\"): it names no aws resource, so this Deny blocks nothing there",
			"pointer": "/Statement/0/Resource/1",
		},
		{
			"msg": "statement 0 tests acs:SourceIp, an Alibaba Cloud condition key, in this AWS policy (Version \"2012-10-17\"): the request never carries it, so the condition always holds (a negated operator on an absent key)",
			"pointer": "/Statement/0/Condition/NotIpAddress/acs:SourceIp",
			"target": "key",
		},
	} with input as testing.policy("aws", "control", [{
		"Effect": "Deny", "Action": "s3:*",
		"Resource": ["arn:aws:s3:::prod/*", "acs:oss:*:*:prod/*"],
		"Condition": {"NotIpAddress": {"acs:SourceIp": "203.0.113.0/24"}},
	}])
}

test_principals_and_jdcloud if {
	cross_dialect_name.deny == {{
		"msg": "statement 0 names the principal arn:aws:iam::111122223333:root, an AWS name, in this JD Cloud policy (Version \"3\"): it names nobody here",
		"pointer": "/Statement/0/Principal/JDCLOUD/1",
	}} with input as testing.policy("jdcloud", "trust", [{
		"Effect": "Allow", "Action": "sts:assumeRole", "Resource": "*",
		"Principal": {"JDCLOUD": ["jrn:iam::123456789012:root", "arn:aws:iam::111122223333:root"]},
	}])
	some f in cross_dialect_name.deny with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "vm:describeInstances", "Resource": "acs:ecs:*:*:instance/*"}])
	contains(f.msg, "an Alibaba Cloud name, in this JD Cloud policy")
	some g in cross_dialect_name.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "*", "Condition": {"StringEquals": {"JDCloud:ResourceTag/team": "ops"}}}])
	contains(g.msg, "tests JDCloud:ResourceTag/team, a JD Cloud condition key")
}

test_own_names_and_unknown_services_pass if {
	every case in [
		{"d": "acs", "s": {"Effect": "Allow", "Action": ["oss:GetObject", "cdn:DescribeCdnDomain", "cs:*"], "Resource": ["acs:oss:*:*:reports/*", "*"], "Condition": {"IpAddress": {"acs:SourceIp": "203.0.113.0/24"}}}},
		{"d": "aws", "s": {"Effect": "Allow", "Action": ["s3:GetObject", "tag:GetResources"], "Resource": ["arn:aws:s3:::reports/*", "arn:aws:*:*:*:*"], "Condition": {"StringEquals": {"aws:PrincipalTag/team": "ops", "s3:prefix": "x"}}}},
		{"d": "jdcloud", "s": {"Effect": "Allow", "Action": "vm:describeInstances", "Resource": "jrn:vm:*:*:instances/*", "Condition": {"IpAddress": {"jdcloud:SourceIp": "203.0.113.0/24"}}}},
	] {
		count(cross_dialect_name.deny) == 0 with input as testing.policy(case.d, "identity", [case.s])
	}
}
