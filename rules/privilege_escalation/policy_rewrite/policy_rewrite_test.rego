package rampart.rules.privilege_escalation.policy_rewrite_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.policy_rewrite as rule

test_new_version_of_every_policy if {
	rule.deny == {{
		"msg": "statement \"Publish\" allows iam:CreatePolicyVersion on every resource: it can rewrite these policies, its own included, to allow anything, for every user, group and role they are attached to",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Publish", "Effect": "Allow", "Action": ["iam:GetPolicy", "iam:CreatePolicyVersion"], "Resource": "*"}])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "a": "iam:*", "r": "arn:aws:iam::111122223333:policy/*", "want": "iam:* (iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion) on arn:aws:iam::111122223333:policy/*"},
		{"d": "aws", "a": "iam:SetDefault*", "r": "arn:aws:iam::*:*", "want": "iam:SetDefault* (iam:SetDefaultPolicyVersion) on arn:aws:iam::*:*"},
		{"d": "acs", "a": "ram:*PolicyVersion", "r": "acs:ram:*:11223344:policy/*", "want": "ram:*PolicyVersion (ram:CreatePolicyVersion, ram:SetDefaultPolicyVersion) on acs:ram:*:11223344:policy/*"},
		{"d": "acs", "a": "resourcemanager:CreatePolicyVersion", "r": "acs:ram:*:*:policy/*", "want": "resourcemanager:CreatePolicyVersion on acs:ram:*:*:policy/*"},
		{"d": "jdcloud", "a": "iam:updatePolicy", "r": "jrn:iam::112233445566:policy/*", "want": "iam:updatePolicy on jrn:iam::112233445566:policy/*"},
		{"d": "jdcloud", "a": "iam:update*", "r": "*", "want": "iam:update* (iam:updatePolicy) on every resource"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		contains(f.msg, concat(" allows ", ["statement 0", case.want]))
		f.pointer == "/Statement/0/Action"
	}
}

test_network_softens if {
	rule.deny == {{
		"msg": "statement 0 allows ram:CreatePolicyVersion on every resource: it can rewrite these policies, its own included, to allow anything, for every user, group and role they are attached to, limited only by source IP (acs:SourceIp)",
		"pointer": "/Statement/0/Action",
		"severity": "warning",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:CreatePolicyVersion", "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": "203.0.113.0/24"}}}])
}

test_narrow_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111122223333:policy/app-deploy"},
		{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111122223333:policy/team-a/*"},
		{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::111122223333:role/*"},
		{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/owner": "team-a"}}},
		{"Effect": "Allow", "Action": ["iam:GetPolicyVersion", "iam:DeletePolicyVersion"], "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "iam:CreatePolicyVersion", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
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
