package rampart.rules.privilege_escalation.attach_policy_to_principal_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.attach_policy_to_principal as rule

test_attach_to_every_role if {
	rule.deny == {{
		"msg": "statement \"Ops\" allows iam:AttachRolePolicy on arn:aws:iam::111122223333:role/*: it can give itself, or a principal it can use, any policy, the administrator policy included, and so do everything",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Ops", "Effect": "Allow", "Action": ["iam:ListRoles", "iam:AttachRolePolicy"], "Resource": "arn:aws:iam::111122223333:role/*"}])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "a": "iam:Attach*", "r": "arn:aws:iam::*:role/*", "want": "iam:Attach* (iam:AttachRolePolicy) on arn:aws:iam::*:role/*"},
		{"d": "aws", "a": "iam:Put*Policy", "r": "*", "want": "iam:Put*Policy (iam:PutGroupPolicy, iam:PutRolePolicy, iam:PutUserPolicy) on every resource"},
		{"d": "aws", "a": "iam:*", "r": "arn:aws:iam::*:user/*", "want": "iam:* (iam:AttachUserPolicy, iam:PutUserPolicy) on arn:aws:iam::*:user/*"},
		{"d": "acs", "a": "ram:AttachPolicyToUser", "r": "acs:ram:*:11223344:user/*", "want": "ram:AttachPolicyToUser on acs:ram:*:11223344:user/*"},
		{"d": "acs", "a": "ram:Attach*", "r": "acs:ram:*:*:*", "want": "ram:Attach* (ram:AttachPolicyToGroup, ram:AttachPolicyToRole, ram:AttachPolicyToUser) on acs:ram:*:*:*"},
		{"d": "jdcloud", "a": "iam:attachSubUserPolicy", "r": "jrn:iam::112233445566:subUser/*", "want": "iam:attachSubUserPolicy on jrn:iam::112233445566:subUser/*"},
		{"d": "jdcloud", "a": "iam:attach*", "r": "jrn:iam::112233445566:role/*", "want": "iam:attach* (iam:attachRolePolicy) on jrn:iam::112233445566:role/*"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		contains(f.msg, concat(" allows ", ["statement 0", case.want]))
		f.pointer == "/Statement/0/Action"
	}
}

test_mfa_softens if {
	rule.deny == {{
		"msg": "statement 0 allows iam:AttachUserPolicy on every resource: it can give itself, or a principal it can use, any policy, the administrator policy included, and so do everything, limited only by MFA (aws:MultiFactorAuthPresent)",
		"pointer": "/Statement/0/Action",
		"severity": "warning",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])
}

test_narrow_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-deployer"},
		{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-*"},
		{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:policy/*"},
		{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": {"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}},
		{"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*", "Condition": {"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary"}}},
		{"Effect": "Allow", "Action": "iam:DetachRolePolicy", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:AttachRolePolicy", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:AttachPolicyToRole", "Resource": "acs:ram:*:11223344:role/ecs-admin"}])
	count(rule.deny) == 0 with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "iam:attachRolePolicy", "Resource": "*", "Condition": {"StringEquals": {"jdcloud:ResourceTag/team": "a"}}}])
}

test_every_action_is_in_the_catalogue if {
	every dialect, services in rule.actions {
		every service, names in services {
			every name, kind in names {
				rampart.action(dialect, concat(":", [service, name])) != null
				rule.kinds[dialect][kind]
			}
		}
	}
}
