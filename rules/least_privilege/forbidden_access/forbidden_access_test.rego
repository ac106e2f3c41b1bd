package rampart.rules.least_privilege.forbidden_access_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.forbidden_access as rule

no_users := {"LP009": {"actions": ["iam:CreateUser", "iam:*AccessKey", "ram:CreateUser"]}}

test_a_wildcard_grants_a_forbidden_action if {
	rule.deny == {{
		"msg": "statement \"Iam\" grants iam:Create*, which rules.options.LP009.actions forbids (iam:CreateUser)",
		"pointer": "/Statement/0/Action/1",
	}, {
		"msg": "statement \"Iam\" grants iam:Create*, which rules.options.LP009.actions forbids (iam:*AccessKey)",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Iam", "Effect": "Allow", "Action": ["iam:GetUser", "iam:Create*"], "Resource": "*"}])
		with data.rampart.options as no_users
}

test_named_and_every_action if {
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:CreateUser", "Resource": "*"}])
		with data.rampart.options as no_users
	count(rule.deny) == 2 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])
		with data.rampart.options as no_users
}

test_not_action_grants_what_it_does_not_list if {
	rule.deny == {{
		"msg": "statement 0 grants every action but those NotAction lists, which rules.options.LP009.actions forbids (iam:CreateUser)",
		"pointer": "/Statement/0/NotAction",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "NotAction": ["iam:*AccessKey*", "s3:*"], "Resource": "*"}])
		with data.rampart.options as no_users
}

test_conditions_are_named if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])
		with data.rampart.options as no_users
	f.msg == "statement 0 grants iam:CreateUser, which rules.options.LP009.actions forbids (iam:CreateUser), when its conditions hold (aws:MultiFactorAuthPresent)"
}

test_an_unconditional_deny_clears_it if {
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:Create*", "Resource": "*"},
	])
		with data.rampart.options as no_users
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:Create*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
	])
		with data.rampart.options as no_users
}

test_actions_on_resources if {
	opts := {"LP009": {"actions": ["s3:PutObject", "s3:DeleteObject"], "resources": ["arn:aws:s3:::audit-logs/*"]}}
	rule.deny == {{
		"msg": "statement 0 grants s3:*, which rules.options.LP009.actions forbids (s3:PutObject) on arn:aws:s3:::audit-logs/*",
		"pointer": "/Statement/0/Action",
	}, {
		"msg": "statement 0 grants s3:*, which rules.options.LP009.actions forbids (s3:DeleteObject) on arn:aws:s3:::audit-logs/*",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::audit-*"}])
		with data.rampart.options as opts
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*"}])
		with data.rampart.options as opts
}

test_resources_alone if {
	opts := {"LP009": {"resources": ["acs:oss:*:*:audit-logs/*"]}}
	rule.deny == {{
		"msg": "statement 0 grants access to acs:oss:*:*:audit-logs/*, which rules.options.LP009.resources forbids",
		"pointer": "/Statement/0/NotResource",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "oss:GetObject", "NotResource": "acs:oss:*:*:secret/*"}])
		with data.rampart.options as opts
}

test_resource_policies if {
	some f in rule.deny with input as testing.policy("aws", "resource", [{"Effect": "Allow", "Principal": "*", "Action": "iam:CreateUser", "Resource": "*"}])
		with data.rampart.options as no_users
	f.pointer == "/Statement/0/Action"
}

test_unconfigured_and_unrelated_pass if {
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])
	every s in [
		{"Effect": "Allow", "Action": ["iam:GetUser", "iam:ListUsers", "iam:CreateRole"], "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:*Role*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s]) with data.rampart.options as no_users
	}
}

# Another dialect's actions do not apply: acs has no iam service, jdcloud's
# and AWS's do, so only ram:CreateUser counts in an Alibaba Cloud policy,
# and this NotAction excludes it.
test_other_dialects_actions_do_not_apply if {
	opts := {"LP009": {"actions": ["iam:CreateUser", "iam:createSubUser", "ram:CreateUser"]}}
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "NotAction": ["ram:*", "ims:*"], "Resource": "*"}])
		with data.rampart.options as opts
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])
		with data.rampart.options as opts
}

# An action no catalogue knows applies to every dialect.
test_actions_no_catalogue_knows_apply_everywhere if {
	opts := {"LP009": {"actions": ["newsvc:CreateThing"]}}
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "newsvc:*", "Resource": "*"}])
		with data.rampart.options as opts
}
