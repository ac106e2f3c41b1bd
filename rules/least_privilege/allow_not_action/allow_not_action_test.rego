package rampart.rules.least_privilege.allow_not_action_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.allow_not_action

test_not_action_on_every_resource if {
	allow_not_action.deny == {{
		"msg": "statement \"NotIam\" allows every action except the 2 NotAction lists, on every resource",
		"pointer": "/Statement/0/NotAction",
		"target": "key",
	}} with input as testing.policy("aws", "identity", [{"Sid": "NotIam", "Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}])
}

test_not_action_with_not_resource_counts_as_everywhere if {
	some f in allow_not_action.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*"}])
	not f.severity
}

test_listed_resources_soften if {
	allow_not_action.deny == {{
		"msg": "statement 0 allows every action except the 1 NotAction lists, on the resources it names",
		"pointer": "/Statement/0/NotAction",
		"target": "key",
		"severity": "warning",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "NotAction": "oss:DeleteBucket", "Resource": "acs:oss:*:*:reports/*"}])
}

test_deny_with_not_action_passes if {
	count(allow_not_action.deny) == 0 with input as testing.policy("aws", "control", [{"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*"}])
}
