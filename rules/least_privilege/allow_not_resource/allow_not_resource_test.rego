package rampart.rules.least_privilege.allow_not_resource_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.allow_not_resource

test_not_resource if {
	allow_not_resource.deny == {{
		"msg": "statement \"AllButProd\" allows s3:GetObject, s3:PutObject on every resource except the 1 NotResource lists",
		"pointer": "/Statement/0/NotResource",
		"target": "key",
	}} with input as testing.policy("aws", "identity", [{"Sid": "AllButProd", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "NotResource": "arn:aws:s3:::prod/*"}])
}

test_many_actions_are_counted if {
	some f in allow_not_resource.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["oss:GetObject", "oss:PutObject", "oss:ListObjects", "oss:DeleteObject"], "NotResource": ["acs:oss:*:*:prod/*"]}])
	contains(f.msg, "allows 4 actions on every resource")
}

test_deny_and_resource_pass if {
	every s in [
		{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::public/*"},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public/*"},
	] {
		count(allow_not_resource.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}
