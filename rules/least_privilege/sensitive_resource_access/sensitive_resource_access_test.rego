package rampart.rules.least_privilege.sensitive_resource_access_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.sensitive_resource_access as rule

options := {"LP008": {"resources": ["arn:aws:s3:::payroll*", "acs:kms:*:*:key/pay-*", "jrn:oss:*:*:finance-*"]}}

test_wildcard_covers_a_sensitive_bucket if {
	rule.deny == {{
		"msg": "statement \"Reports\" allows s3:GetObject on arn:aws:s3:::*, which covers the sensitive arn:aws:s3:::payroll* (rules.options.LP008.resources)",
		"pointer": "/Statement/0/Resource/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Reports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::reports/*", "arn:aws:s3:::*"]}])
		with data.rampart.options as options
}

test_named_inside_a_pattern if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::payroll-2026/*"}])
		with data.rampart.options as options
	f.pointer == "/Statement/0/Resource"
}

test_only_actions_that_can_act_on_it if {
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["ec2:StopInstances", "ec2:Describe*"], "Resource": "*"}])
		with data.rampart.options as options
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["ec2:StopInstances", "*"], "Resource": "*"}])
		with data.rampart.options as options
}

test_not_resource_that_leaves_it_in if {
	rule.deny == {{
		"msg": "statement 0 allows kms:Decrypt on every resource but those NotResource lists, which leaves in the sensitive acs:kms:*:*:key/pay-* (rules.options.LP008.resources)",
		"pointer": "/Statement/0/NotResource",
		"target": "key",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "kms:Decrypt", "NotResource": "acs:kms:*:*:key/test-*"}])
		with data.rampart.options as options
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "kms:Decrypt", "NotResource": "acs:kms:*:*:key/pay-*"}])
		with data.rampart.options as options
}

test_patterns_of_other_dialects_and_plain_names if {
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "*"}])
		with data.rampart.options as {"LP008": {"resources": ["arn:aws:s3:::payroll*"]}}
	some f in rule.deny with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "oss:*", "Resource": "*"}])
		with data.rampart.options as options
	contains(f.msg, "the sensitive jrn:oss:*:*:finance-*")
}

test_mfa_makes_it_informational if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])
		with data.rampart.options as options
	f.severity == "info"
}

test_unconfigured_does_nothing if {
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])
		with data.rampart.options as {"LP008": {"resources": []}}
}

test_other_resources_pass if {
	every s in [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
		{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::payroll/*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s]) with data.rampart.options as options
	}
}
