package rampart.rules.least_privilege.service_wildcard_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.service_wildcard

test_ram_wildcard if {
	fs := service_wildcard.deny with input as testing.policy("acs", "identity", [{"Sid": "Ram", "Effect": "Allow", "Action": "ram:*", "Resource": "*"}])
	count(fs) == 1
	some f in fs
	f.pointer == "/Statement/0/Action"
	startswith(f.msg, "statement \"Ram\" allows ram:*: all ")
	contains(f.msg, "that manage permissions (ram:")
}

test_sts_hands_out_credentials if {
	fs := service_wildcard.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["ecs:Describe*", "sts:*"], "Resource": "*"}])
	fs == {{"msg": "statement 0 allows sts:*: all 4 actions of the service, which hand out credentials", "pointer": "/Statement/0/Action/1"}}
}

test_case_of_the_service_does_not_matter if {
	count(service_wildcard.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "IAM:*", "Resource": "*"}])
}

test_services_without_permission_actions_pass if {
	count(service_wildcard.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}])
}

test_other_shapes_pass if {
	every s in [
		{"Effect": "Allow", "Action": "ram:List*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "ram:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "nosuchservice:*", "Resource": "*"},
	] {
		count(service_wildcard.deny) == 0 with input as testing.policy("acs", "identity", [s])
	}
}
