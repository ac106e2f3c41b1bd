package rampart.rules.least_privilege.wildcard_expansion_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.wildcard_expansion

test_counts_by_level if {
	fs := wildcard_expansion.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["sts:*", "ecs:StartInstance"], "Resource": "*"}])
	fs == {{"msg": "sts:* expands to 4 actions (read 3, write 1)", "pointer": "/Statement/0/Action/0"}}
}

test_single_action if {
	some f in wildcard_expansion.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "sts:GetCallerIdent?ty", "Resource": "*"}])
	f.msg == "sts:GetCallerIdent?ty expands to 1 action (read 1)"
}

test_star_and_unknown_pass if {
	every action in ["*", "*:*", "nosuch:*", "ecs:StopInstance"] {
		count(wildcard_expansion.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": action, "Resource": "*"}])
	}
}
