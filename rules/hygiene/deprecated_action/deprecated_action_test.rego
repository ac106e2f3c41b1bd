package rampart.rules.hygiene.deprecated_action_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.deprecated_action

test_ecs_vpc_api_without_its_successor if {
	deprecated_action.deny == {{
		"msg": "statement \"Network\" names ecs:CreateVpc, an API Alibaba Cloud marks deprecated; the current API is authorized as vpc:CreateVpc, which this statement does not name",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("acs", "identity", [{
		"Sid": "Network", "Effect": "Allow",
		"Action": ["ecs:DescribeInstances", "ecs:CreateVpc"],
		"Resource": "*",
	}])
}

test_successor_named_beside_is_a_note if {
	deprecated_action.deny == {{
		"msg": "statement 0 names ECS:DeleteVpc, an API Alibaba Cloud marks deprecated, beside vpc:DeleteVpc, which replaces it; drop the old name once no client calls it",
		"pointer": "/Statement/0/Action/0",
		"severity": "info",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Deny", "Action": ["ECS:DeleteVpc", "vpc:Delete*"], "Resource": "*"}])
}

test_not_action_counts if {
	some f in deprecated_action.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "NotAction": "ecs:ReleaseEipAddress", "Resource": "*"}])
	f.pointer == "/Statement/0/NotAction"
	not f.severity
}

test_no_known_successor_is_a_note if {
	deprecated_action.deny == {{
		"msg": "statement 0 names rds:DescribeDBInstancesAsCsv, an API Alibaba Cloud marks deprecated; check that the statement still covers the API its clients call",
		"pointer": "/Statement/0/Action",
		"severity": "info",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "rds:DescribeDBInstancesAsCsv", "Resource": "*"}])
}

test_current_apis_and_wildcards_pass if {
	count(deprecated_action.deny) == 0 with input as testing.policy("acs", "identity", [
		{"Effect": "Allow", "Action": ["vpc:CreateVpc", "ecs:*", "ecs:Create*", "ecs:DescribeInstances", "nosuch:Thing"], "Resource": "*"},
	])
}

# The index of deprecated actions is the catalogue's, exactly.
test_index_is_the_catalogues if {
	marked := {lower(n) | some n in rampart.expand("acs", "*"); rampart.action("acs", n).deprecated}
	count(marked) > 0
	marked == deprecated_action.deprecated_names
	{split(n, ":")[0] | some n in marked} == deprecated_action.deprecated_services
}
