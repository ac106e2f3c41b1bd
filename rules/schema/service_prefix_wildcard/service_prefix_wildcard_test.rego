package rampart.rules.schema.service_prefix_wildcard_test

import data.rampart.lib.testing
import data.rampart.rules.schema.service_prefix_wildcard

test_aws_prefix_wildcard_matches_nothing if {
	service_prefix_wildcard.deny == {
		{
			"msg": "statement \"ReadAll\": AWS compares the service prefix \"*\" literally, so *:Get* matches no action: the statement grants nothing through it",
			"pointer": "/Statement/0/Action/0",
		},
		{
			"msg": "statement \"ReadAll\": AWS compares the service prefix \"s?\" literally, so s?:List* matches no action: the statement grants nothing through it",
			"pointer": "/Statement/0/Action/1",
		},
		{
			"msg": "statement 1: AWS compares the service prefix \"*\" literally, so *:Delete* matches no action; this Deny blocks nothing",
			"pointer": "/Statement/1/NotAction",
		},
	} with input as testing.policy("aws", "identity", [
		{"Sid": "ReadAll", "Effect": "Allow", "Action": ["*:Get*", "s?:List*", "s3:Get*"], "Resource": "*"},
		{"Effect": "Deny", "NotAction": "*:Delete*", "Resource": "*"},
	])
}

test_acs_levels if {
	service_prefix_wildcard.deny == {
		{
			"msg": "statement \"ReadEverywhere\": *:Describe* matches the actions Describe* in every acs service whose code fits \"*\", including services added later; name the services",
			"pointer": "/Statement/0/Action/0",
			"severity": "warning",
		},
		{
			"msg": "statement \"ReadEverywhere\": *:ListTagResources matches the action ListTagResources in every acs service whose code fits \"*\", including services added later",
			"pointer": "/Statement/0/Action/1",
			"severity": "info",
		},
		{
			"msg": "statement 1: e*:Delete* matches the actions Delete* in every acs service whose code fits \"e*\", including services added later",
			"pointer": "/Statement/1/Action",
			"severity": "info",
		},
	} with input as testing.policy("acs", "identity", [
		{"Sid": "ReadEverywhere", "Effect": "Allow", "Action": ["*:Describe*", "*:ListTagResources"], "Resource": "*"},
		{"Effect": "Deny", "Action": "e*:Delete*", "Resource": "*"},
	])
}

test_every_action_and_literal_prefixes_pass if {
	every case in [
		{"d": "aws", "a": "*"},
		{"d": "aws", "a": "*:*"},
		{"d": "aws", "a": "s3:*"},
		{"d": "aws", "a": "s3:Get*"},
		{"d": "acs", "a": "**"},
		{"d": "acs", "a": "ecs:Describe*"},
		{"d": "jdcloud", "a": "*:*"},
		{"d": "jdcloud", "a": "vm:describe*"},
	] {
		count(service_prefix_wildcard.deny) == 0 with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": "*"}])
	}
}
