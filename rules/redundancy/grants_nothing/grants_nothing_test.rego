package rampart.rules.redundancy.grants_nothing_test

import data.rampart.lib.testing
import data.rampart.rules.redundancy.grants_nothing

test_broken_template if {
	grants_nothing.deny == {{
		"msg": "this policy grants nothing: statement \"ReadTrails\": no action it names exists (cloudtrail:LookupEvent); statement 1 is cancelled by an unconditional Deny",
		"pointer": "/Statement",
		"target": "key",
	}} with input as testing.policy("aws", "identity", [
		{"Sid": "ReadTrails", "Effect": "Allow", "Action": "cloudtrail:LookupEvent", "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::trail-logs/*"},
		{"Effect": "Deny", "Action": "s3:*", "Resource": "*"},
	])
}

test_other_clouds_resources if {
	count(grants_nothing.deny) == 1 with input as testing.policy("jdcloud", "identity", [
		{"Effect": "Allow", "Action": "vm:describeInstances", "Resource": "acs:ecs:*:*:instance/*"},
	])
}

test_policies_that_grant_or_only_deny_pass if {
	every p in [
		[
			{"Effect": "Allow", "Action": "cloudtrail:LookupEvent", "Resource": "*"},
			{"Effect": "Allow", "Action": "cloudtrail:LookupEvents", "Resource": "*"},
		],
		[{"Effect": "Deny", "Action": "*", "Resource": "*"}],
		[
			{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
		],
	] {
		count(grants_nothing.deny) == 0 with input as testing.policy("aws", "identity", p)
	}
}
