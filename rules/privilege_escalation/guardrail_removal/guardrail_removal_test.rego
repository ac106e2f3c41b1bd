package rampart.rules.privilege_escalation.guardrail_removal_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.guardrail_removal as rule

test_detach_from_every_role if {
	rule.deny == {{
		"msg": "statement \"Cleanup\" allows iam:DetachRolePolicy, iam:DeleteRolePermissionsBoundary on arn:aws:iam::111122223333:role/*: it can remove the deny policies, boundaries and control policies that limit it and others, and use what they held back",
		"pointer": "/Statement/0/Action/0",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Cleanup", "Effect": "Allow", "Action": ["iam:DetachRolePolicy", "iam:DeleteRolePermissionsBoundary", "iam:ListRoles"], "Resource": "arn:aws:iam::111122223333:role/*"}])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "a": "iam:Detach*", "r": "arn:aws:iam::*:user/*", "want": "iam:Detach* (iam:DetachUserPolicy) on arn:aws:iam::*:user/*"},
		{"d": "aws", "a": "iam:Delete*Policy", "r": "*", "want": "iam:Delete*Policy (iam:DeleteGroupPolicy, iam:DeletePolicy, iam:DeleteRolePolicy, iam:DeleteUserPolicy) on every resource"},
		{"d": "aws", "a": "organizations:DetachPolicy", "r": "arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/*", "want": "organizations:DetachPolicy on arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/*"},
		{"d": "aws", "a": "organizations:Disable*", "r": "arn:aws:organizations::*:root/*", "want": "organizations:Disable* (organizations:DisablePolicyType) on arn:aws:organizations::*:root/*"},
		{"d": "acs", "a": "ram:DetachPolicyFrom*", "r": "acs:ram:*:11223344:role/*", "want": "ram:DetachPolicyFrom* (ram:DetachPolicyFromRole) on acs:ram:*:11223344:role/*"},
		{"d": "acs", "a": "resourcemanager:*ControlPolicy", "r": "*", "want": "resourcemanager:*ControlPolicy (resourcemanager:DeleteControlPolicy, resourcemanager:DetachControlPolicy, resourcemanager:DisableControlPolicy) on every resource"},
		{"d": "acs", "a": "resourcemanager:DetachControlPolicy", "r": "acs:resourcemanager:*:11223344:*", "want": "resourcemanager:DetachControlPolicy on acs:resourcemanager:*:11223344:*"},
		{"d": "jdcloud", "a": "iam:detach*", "r": "jrn:iam::112233445566:group/*", "want": "iam:detach* (iam:detachGroupPolicy) on jrn:iam::112233445566:group/*"},
		{"d": "jdcloud", "a": "iam:deletePolicy", "r": "jrn:iam::112233445566:policy/*", "want": "iam:deletePolicy on jrn:iam::112233445566:policy/*"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		contains(f.msg, concat(" allows ", ["statement 0", case.want]))
		f.pointer == "/Statement/0/Action"
	}
}

test_network_makes_it_information if {
	some f in rule.deny with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "iam:detachRolePolicy", "Resource": "*", "Condition": {"IpAddress": {"jdcloud:SourceIp": "10.0.0.0/8"}}}])
	f.severity == "info"
	endswith(f.msg, "limited only by source IP (jdcloud:SourceIp)")
}

test_policy_type if {
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "organizations:DetachPolicy", "Resource": "*", "Condition": {"StringEquals": {"organizations:PolicyType": "TAG_POLICY"}}}])
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "organizations:DetachPolicy", "Resource": "*", "Condition": {"StringEquals": {"organizations:PolicyType": "SERVICE_CONTROL_POLICY"}}}])
}

test_narrow_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "iam:DetachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-web"},
		{"Effect": "Allow", "Action": "iam:DetachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-*"},
		{"Effect": "Allow", "Action": "iam:DetachRolePolicy", "Resource": "*", "Condition": {"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}},
		{"Effect": "Allow", "Action": "iam:PutRolePermissionsBoundary", "Resource": "*", "Condition": {"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary"}}},
		{"Effect": "Allow", "Action": "iam:DeletePolicy", "Resource": "arn:aws:iam::111122223333:role/*"},
		{"Effect": "Allow", "Action": "organizations:DeletePolicy", "Resource": "arn:aws:organizations::111122223333:root/*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:DetachRolePolicy", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:DeletePolicy", "Resource": "acs:ram:*:11223344:policy/tmp-*"}])
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
