package rampart.rules.least_privilege.unconstrained_permissions_management_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.unconstrained_permissions_management as rule

test_attach_any_policy_to_any_role if {
	rule.deny == {{
		"msg": "statement \"Roles\" allows 2 actions that manage permissions on every resource of their kind (iam:AttachRolePolicy, iam:PutRolePolicy): it can give itself or anyone more access",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Roles", "Effect": "Allow", "Action": ["iam:GetRole", "iam:AttachRolePolicy", "iam:PutRolePolicy"], "Resource": "arn:aws:iam::111122223333:role/*"}])
}

test_partial_wildcards_expand_and_leave_other_rules_their_actions if {
	some f in rule.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:Attach*", "Resource": "*"}])
	f.msg == "statement 0 allows 3 actions that manage permissions on every resource of their kind (ram:AttachPolicyToGroup, ram:AttachPolicyToRole, ram:AttachPolicyToUser): it can give itself or anyone more access"
	fs := rule.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["ram:CreateAccessKey", "ram:UnbindMFADevice"], "Resource": "*"}])
	count(fs) == 0
}

test_many_actions_are_summed_up if {
	some f in rule.deny with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "iam:attach*", "Resource": "*"}, {"Effect": "Allow", "Action": "iam:*Policy", "Resource": "*"}])
	f.pointer == "/Statement/1/Action"
	contains(f.msg, "and ")
	contains(f.msg, " more)")
}

test_mfa_softens if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])
	f.severity == "warning"
	endswith(f.msg, "limited only by MFA (aws:MultiFactorAuthPresent): it can give itself or anyone more access")
}

test_if_exists_boundary_does_not_scope if {
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*", "Condition": {"StringEqualsIfExists": {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary"}}}])
}

test_not_resource_counts if {
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "NotResource": "arn:aws:iam::111122223333:user/root-admin"}])
}

# scoped are statements a condition scopes; without it each is a finding.
scoped := [
	{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": {"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}},
	{"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*", "Condition": {"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary"}}},
	{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "app"}}},
	{"Effect": "Allow", "Action": "organizations:AttachPolicy", "Resource": "*", "Condition": {"StringLikeIfExists": {"organizations:PolicyType": "BACKUP_POLICY"}}},
]

test_conditions_scope if {
	every s in scoped {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
		count(rule.deny) == 1 with input as testing.policy("aws", "identity", [object.remove(s, ["Condition"])])
	}
}

test_named_and_others_pass if {
	every s in [
		{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-*"},
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "Action": ["iam:GetRole", "iam:ListRoles", "s3:PutBucketPolicy"], "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:AttachRolePolicy", "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:s3:::*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}
