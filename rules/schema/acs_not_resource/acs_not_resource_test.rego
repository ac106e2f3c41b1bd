package rampart.rules.schema.acs_not_resource_test

import data.rampart.lib.testing
import data.rampart.rules.schema.acs_not_resource

test_not_resource_in_allow_and_deny if {
	acs_not_resource.deny == {
		{
			"msg": "statement \"AllButProd\" uses NotResource, which only one of RAM's grammar pages documents: RAM may reject the policy or read the statement differently; name the resources with Resource (and a Deny for exceptions)",
			"pointer": "/Statement/0/NotResource",
			"target": "key",
		},
		{
			"msg": "statement 1 uses NotResource, which only one of RAM's grammar pages documents: RAM may reject the policy or read the statement differently; name the resources with Resource (and a Deny for exceptions)",
			"pointer": "/Statement/1/NotResource",
			"target": "key",
		},
	} with input as testing.policy("acs", "identity", [
		{"Sid": "AllButProd", "Effect": "Allow", "Action": "oss:GetObject", "NotResource": "acs:oss:*:*:prod/*"},
		{"Effect": "Deny", "Action": "oss:DeleteObject", "NotResource": ["acs:oss:*:*:scratch/*"]},
	])
}

test_resource_passes if {
	count(acs_not_resource.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "acs:oss:*:*:reports/*"}])
}
