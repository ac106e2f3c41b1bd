package rampart.rules.privilege_escalation.trust_rewrite_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.trust_rewrite as rule

test_rewrite_then_assume if {
	rule.deny == {{
		"msg": "statement \"Trust\" allows ram:UpdateRole on acs:ram:*:11223344:role/*: it can make any role trust it and, as statement \"Hop\" allows sts:AssumeRole, become that role",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("acs", "identity", [
		{"Sid": "Trust", "Effect": "Allow", "Action": "ram:UpdateRole", "Resource": "acs:ram:*:11223344:role/*"},
		{"Sid": "Hop", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "acs:ram:*:11223344:role/deployer"},
	])
}

test_without_assume if {
	rule.deny == {{
		"msg": "statement 0 allows iam:updateAssumeRolePolicy on jrn:iam::112233445566:role/*: it can make any role trust it, and become that role with sts:assumeRole from any of its policies",
		"pointer": "/Statement/0/Action",
		"severity": "warning",
	}} with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "iam:updateAssumeRolePolicy", "Resource": "jrn:iam::112233445566:role/*"}])
	rule.deny == {{
		"msg": "statement 0 allows iam:UpdateAssumeRolePolicy on every resource: it can make any role trust it and, as a trust naming it is enough within the account, become that role",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "*"}])
}

test_wildcards_and_softening if {
	every case in [
		{"d": "aws", "a": ["iam:Update*", "sts:Assume*"], "r": "arn:aws:iam::*:role/*", "sev": "", "want": "iam:Update* (iam:UpdateAssumeRolePolicy) on arn:aws:iam::*:role/*: it can make any role trust it and, as statement 0 allows sts:Assume*, become that role"},
		{"d": "acs", "a": ["ram:*"], "r": "*", "sev": "warning", "want": "ram:* (ram:UpdateRole) on every resource: it can make any role trust it, and become that role with sts:AssumeRole from any of its policies"},
		{"d": "jdcloud", "a": ["iam:update*", "sts:*"], "r": "*", "sev": "", "want": "iam:update* (iam:updateAssumeRolePolicy) on every resource: it can make any role trust it and, as statement 0 allows sts:*, become that role"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		endswith(f.msg, case.want)
		object.get(f, "severity", "") == case.sev
	}
	some f in rule.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:UpdateRole", "Resource": "*", "Condition": {"Bool": {"acs:MFAPresent": "true"}}}])
	f.severity == "info"
	endswith(f.msg, "limited only by MFA (acs:MFAPresent)")
}

test_narrow_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-deployer"},
		{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-*"},
		{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}},
		{"Effect": "Allow", "Action": "iam:UpdateRoleDescription", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [
		{"Effect": "Allow", "Action": "ram:UpdateRole", "Resource": "acs:ram:*:11223344:role/ecs-*"},
		{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
	])
}

test_deny_assume_is_no_grant if {
	some f in rule.deny with input as testing.policy("acs", "identity", [
		{"Effect": "Allow", "Action": "ram:UpdateRole", "Resource": "*"},
		{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"},
	])
	f.severity == "warning"
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
	every dialect, name in rule.assume_actions {
		rampart.action(dialect, name) != null
	}
}
