package rampart.rules.privilege_escalation.identity_create_and_grant_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.identity_create_and_grant as rule

test_create_role_attach_and_assume if {
	rule.deny == {{
		"msg": "statement \"Create\" allows iam:CreateRole on arn:aws:iam::111122223333:role/*, and statement \"Grant\" allows iam:AttachRolePolicy on every resource: it can create a role, give it any policy, the administrator policy included, and, as statement \"Hop\" allows sts:AssumeRole, become it",
		"pointer": "/Statement/1/Action",
	}} with input as testing.policy("aws", "identity", [
		{"Sid": "Read", "Effect": "Allow", "Action": "iam:Get*", "Resource": "*"},
		{"Sid": "Create", "Effect": "Allow", "Action": "iam:CreateRole", "Resource": "arn:aws:iam::111122223333:role/*"},
		{"Sid": "Grant", "Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*"},
		{"Sid": "Hop", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
	])
}

test_create_user_and_grant_in_one_statement if {
	rule.deny == {{
		"msg": "statement 0 allows ram:CreateUser on every resource, and also ram:AttachPolicyToUser on every resource: it can create a user, give it any policy, the administrator policy included, and use it as an administrator of its own making",
		"pointer": "/Statement/0/Action/0",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["ram:CreateUser", "ram:AttachPolicyToUser", "ram:CreateAccessKey"], "Resource": "*"}])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "s": [{"Effect": "Allow", "Action": ["iam:Create*", "iam:Put*Policy"], "Resource": "*"}], "want": "statement 0 allows iam:Create* (iam:CreateRole, iam:CreateUser) on every resource, and also iam:Put*Policy (iam:PutRolePolicy, iam:PutUserPolicy) on every resource: it can create a user or a role"},
		{"d": "aws", "s": [{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::*:user/*"}], "want": "statement 0 allows iam:* (iam:CreateUser) on arn:aws:iam::*:user/*, and also iam:* (iam:AttachUserPolicy, iam:PutUserPolicy) on arn:aws:iam::*:user/*: it can create a user,"},
		{"d": "acs", "s": [{"Effect": "Allow", "Action": "ims:CreateUser", "Resource": "acs:ram:*:11223344:user/*"}, {"Effect": "Allow", "Action": "ram:Attach*", "Resource": "acs:ram:*:11223344:*"}], "want": "statement 0 allows ims:CreateUser on acs:ram:*:11223344:user/*, and statement 1 allows ram:Attach* (ram:AttachPolicyToUser) on acs:ram:*:11223344:*: it can create a user,"},
		{"d": "jdcloud", "s": [{"Effect": "Allow", "Action": ["iam:createRole", "iam:attachRolePolicy", "sts:assumeRole"], "Resource": "*"}], "want": "statement 0 allows iam:createRole on every resource, and also iam:attachRolePolicy on every resource: it can create a role, give it any policy, the administrator policy included, and, as statement 0 allows sts:assumeRole, become it"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", case.s)
		startswith(f.msg, case.want)
	}
}

test_families_that_meet if {
	rule.deny == {{
		"msg": "statement 0 allows iam:CreateRole on arn:aws:iam::111122223333:role/app-*, and statement 1 allows iam:PutRolePolicy on arn:aws:iam::111122223333:role/app*: it can create a role, give it any policy, the administrator policy included, and use it as an administrator of its own making",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "arn:aws:iam::111122223333:role/app-*"},
		{"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": ["arn:aws:iam::111122223333:role/ops-*", "arn:aws:iam::111122223333:role/app*"]},
	])
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["ram:CreateUser", "ram:AttachPolicyToUser"], "Resource": "acs:ram:*:11223344:user/contractor-*"}])
}

test_once_per_document if {
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "*"},
		{"Effect": "Allow", "Action": ["iam:AttachUserPolicy", "iam:AttachRolePolicy"], "Resource": "*"},
	])
}

test_mfa_softens if {
	some f in rule.deny with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
	])
	f.severity == "warning"
	endswith(f.msg, "limited only by MFA (aws:MultiFactorAuthPresent)")
}

test_pairs_that_pass if {
	every statements in [
		# creating without granting, granting without creating
		[{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "*"}],
		[{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*"}],
		# kinds that do not meet
		[{"Effect": "Allow", "Action": ["iam:CreateUser", "iam:AttachRolePolicy"], "Resource": "*"}],
		# a boundary required, a policy pinned
		[
			{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary"}}},
			{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*"},
		],
		[
			{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "*"},
			{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": {"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}},
		],
		# named principals, families that do not meet
		[
			{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "*"},
			{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-web"},
		],
		[
			{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "arn:aws:iam::111122223333:role/app-*"},
			{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": ["arn:aws:iam::111122223333:role/app-web", "arn:aws:iam::111122223333:role/ops-*"]},
		],
		[
			{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "arn:aws:iam::111122223333:role/app-web"},
			{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-web"},
		],
		# Deny, everything
		[{"Effect": "Deny", "Action": "iam:CreateRole", "Resource": "*"}, {"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*"}],
		[{"Effect": "Allow", "Action": "*", "Resource": "*"}],
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", statements)
	}
}

test_every_action_is_in_the_catalogue if {
	every table in [rule.create, rule.grant] {
		every dialect, services in table {
			every service, names in services {
				every name, kind in names {
					rampart.action(dialect, concat(":", [service, name])) != null
					rule.kinds[dialect][kind]
				}
			}
		}
	}
	every dialect, name in rule.assume_actions {
		rampart.action(dialect, name) != null
	}
}
