package rampart.rules.conditions.tag_condition_unsupported_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.tag_condition_unsupported

stmt(dialect, effect, actions, condition) := testing.policy(dialect, "identity", [{
	"Sid": "S", "Effect": effect, "Action": actions, "Resource": "*", "Condition": condition,
}])

test_deny_that_never_blocks_a_list_call if {
	tag_condition_unsupported.deny == {{
		"msg": "ec2:DescribeInstances carries no aws:ResourceTag/team, so StringEquals on it is false and statement \"S\" never blocks ec2:DescribeInstances",
		"pointer": "/Statement/0/Action/1",
	}} with input as stmt("aws", "Deny", ["ec2:StopInstances", "ec2:DescribeInstances"], {"StringEquals": {"aws:ResourceTag/team": "finance"}})
}

test_allow_with_a_negated_tag_test_is_a_warning if {
	some f in tag_condition_unsupported.deny with input as stmt("aws", "Allow", ["iam:GetAccount*"], {"StringNotEquals": {"aws:ResourceTag/env": "prod"}})
	f.severity == "warning"
	contains(f.msg, "iam:GetAccount* (all 6 actions it matches)")
	contains(f.msg, "grants iam:GetAccount* on every resource, tagged or not")
}

test_the_other_directions_are_info if {
	every case in [
		{"e": "Allow", "c": {"StringEquals": {"aws:ResourceTag/team": "a"}}, "m": "never grants"},
		{"e": "Deny", "c": {"StringNotEquals": {"aws:ResourceTag/team": "a"}}, "m": "whatever the tags"},
		{"e": "Deny", "c": {"ForAllValues:StringEquals": {"aws:TagKeys": "a"}}, "m": "whatever the tags"},
		{"e": "Allow", "c": {"Null": {"aws:RequestTag/team": "false"}}, "m": "never grants"},
	] {
		some f in tag_condition_unsupported.deny with input as stmt("aws", case.e, "sts:GetCallerIdentity", case.c)
		f.severity == "info"
		contains(f.msg, case.m)
	}
}

test_supported_resource_typed_and_broad_actions_pass if {
	every case in [
		{"a": "ec2:StopInstances", "k": "aws:ResourceTag/team"},
		{"a": "iam:CreateRole", "k": "aws:RequestTag/team"},
		{"a": "iam:CreateRole", "k": "aws:TagKeys"},
		# kms:Decrypt acts on a key, whose resource type may carry tags
		{"a": "kms:Decrypt", "k": "aws:ResourceTag/team"},
		{"a": "ec2:*", "k": "aws:ResourceTag/team"},
		{"a": "*", "k": "aws:ResourceTag/team"},
		{"a": "ec2:DescribeInstances", "k": "aws:SourceVpc"},
		{"a": "nosuch:Action", "k": "aws:ResourceTag/team"},
	] {
		count(tag_condition_unsupported.deny) == 0 with input as stmt("aws", "Deny", case.a, {"StringEquals": {case.k: "x"}})
	}
}

test_jdcloud_request_tags if {
	some f in tag_condition_unsupported.deny with input as stmt("jdcloud", "Deny", ["vm:createInstances", "disk:createDisks"], {"StringNotEquals": {"jdcloud:RequestTag/team": "ops"}})
	f.pointer == "/Statement/0/Action/0"
	contains(f.msg, "vm:createInstances (a service outside those JD lists for request tags)")
	count(tag_condition_unsupported.deny) == 1 with input as stmt("jdcloud", "Deny", ["vm:createInstances", "disk:createDisks"], {"StringNotEquals": {"jdcloud:RequestTag/team": "ops"}})
	count(tag_condition_unsupported.deny) == 0 with input as stmt("jdcloud", "Deny", ["vm:createInstances"], {"StringEquals": {"jdcloud:ResourceTag/team": "ops"}})
}

test_one_finding_per_action_decided_by_the_failing_condition if {
	tag_condition_unsupported.deny == {{
		"msg": "ec2:DescribeInstances carries no aws:ResourceTag/env, so StringEquals on it is false and statement \"S\" never blocks ec2:DescribeInstances",
		"pointer": "/Statement/0/Action",
	}} with input as stmt("aws", "Deny", "ec2:DescribeInstances", {
		"StringNotEqualsIfExists": {"aws:ResourceTag/team": "a"},
		"StringEquals": {"aws:ResourceTag/env": "prod"},
	})
}
