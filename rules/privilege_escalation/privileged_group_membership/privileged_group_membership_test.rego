package rampart.rules.privilege_escalation.privileged_group_membership_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.privileged_group_membership as rule

test_join_any_group if {
	rule.deny == {{
		"msg": "statement \"Onboarding\" allows iam:AddUserToGroup on arn:aws:iam::111122223333:group/*: it can add itself to any group, an administrators' group included, and gain what that group is allowed",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Onboarding", "Effect": "Allow", "Action": ["iam:ListGroups", "iam:AddUserToGroup"], "Resource": "arn:aws:iam::111122223333:group/*"}])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "a": "iam:Add*", "r": "*", "want": "iam:Add* (iam:AddUserToGroup) on every resource"},
		{"d": "acs", "a": "ram:AddUserToGroup", "r": "acs:ram:*:11223344:group/*", "want": "ram:AddUserToGroup on acs:ram:*:11223344:group/*"},
		{"d": "acs", "a": "ims:*", "r": "acs:ram:*:*:*", "want": "ims:* (ims:AddUserToGroup) on acs:ram:*:*:*"},
		{"d": "jdcloud", "a": "iam:addSubUserToGroup", "r": "jrn:iam::112233445566:group/*", "want": "iam:addSubUserToGroup on jrn:iam::112233445566:group/*"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		contains(f.msg, concat(" allows ", ["statement 0", case.want]))
		f.pointer == "/Statement/0/Action"
	}
}

test_vpc_makes_it_information if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:AddUserToGroup", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-0abc"}}}])
	f.severity == "info"
	endswith(f.msg, "limited only by source VPC (aws:SourceVpc)")
}

test_narrow_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "iam:AddUserToGroup", "Resource": "arn:aws:iam::111122223333:group/developers"},
		{"Effect": "Allow", "Action": "iam:AddUserToGroup", "Resource": "arn:aws:iam::111122223333:group/team-a-*"},
		{"Effect": "Allow", "Action": "iam:AddUserToGroup", "Resource": "arn:aws:iam::111122223333:user/*"},
		{"Effect": "Allow", "Action": "iam:AddUserToGroup", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/tier": "standard"}}},
		{"Effect": "Allow", "Action": "iam:RemoveUserFromGroup", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:AddUserToGroup", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	count(rule.deny) == 0 with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "iam:addSubUserToGroup", "Resource": "jrn:iam::112233445566:group/readers"}])
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
