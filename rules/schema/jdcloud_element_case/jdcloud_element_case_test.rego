package rampart.rules.schema.jdcloud_element_case_test

import data.rampart.rules.schema.jdcloud_element_case

# statement builds a normalized JD Cloud statement whose elements were
# written with the given keys (testing.policy writes canonical keys only).
statement(st, i, keys) := {
	"index": i, "pointer": sprintf("/%s/%d", [st, i]), "sid": "", "effect": "Allow", "allow": true, "deny": false,
	"action": {"pointer": sprintf("/%s/%d/%s", [st, i, keys.action]), "values": [{"value": "vm:*", "pointer": sprintf("/%s/%d/%s", [st, i, keys.action]), "kind": "string", "wildcard": true, "all": false, "service": "vm", "name": "*"}]},
	"resource": {"pointer": sprintf("/%s/%d/%s", [st, i, keys.resource]), "values": [{"value": "*", "pointer": sprintf("/%s/%d/%s", [st, i, keys.resource]), "kind": "string", "wildcard": true, "all": true}]},
	"conditions": [{
		"operator": "IpAddress", "qualifier": "", "base": "IpAddress", "base_lower": "ipaddress", "negated": false, "if_exists": false,
		"key": "jdcloud:SourceIp", "key_lower": "jdcloud:sourceip",
		"values": [{"value": "203.0.113.0/24", "pointer": sprintf("/%s/%d/%s/IpAddress/jdcloud:SourceIp", [st, i, keys.condition]), "kind": "string", "wildcard": false, "all": false}],
		"pointer": sprintf("/%s/%d/%s/IpAddress/jdcloud:SourceIp", [st, i, keys.condition]),
		"operator_pointer": sprintf("/%s/%d/%s/IpAddress", [st, i, keys.condition]),
	}],
}

doc(st, keys) := {
	"file": "test.json", "dialect": "jdcloud", "kind": "identity", "version": "3", "id": "", "managed": false, "name": "",
	"statements": [statement(st, 0, keys)],
}

test_lower_case_elements if {
	jdcloud_element_case.deny == {
		{"msg": "the element name \"statement\" is not in the canonical case \"Statement\": JD Cloud reads either, but its examples, other tools and reviewers expect \"Statement\"", "pointer": "/statement", "target": "key"},
		{"msg": "the element name \"action\" is not in the canonical case \"Action\": JD Cloud reads either, but its examples, other tools and reviewers expect \"Action\"", "pointer": "/statement/0/action", "target": "key"},
		{"msg": "the element name \"RESOURCE\" is not in the canonical case \"Resource\": JD Cloud reads either, but its examples, other tools and reviewers expect \"Resource\"", "pointer": "/statement/0/RESOURCE", "target": "key"},
		{"msg": "the element name \"condition\" is not in the canonical case \"Condition\": JD Cloud reads either, but its examples, other tools and reviewers expect \"Condition\"", "pointer": "/statement/0/condition", "target": "key"},
	} with input as doc("statement", {"action": "action", "resource": "RESOURCE", "condition": "condition"})
}

test_canonical_case_passes if {
	count(jdcloud_element_case.deny) == 0 with input as doc("Statement", {"action": "Action", "resource": "Resource", "condition": "Condition"})
}
