package rampart.rules.hygiene.empty_group_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.empty_group

group(name, policies, members) := {"name": name, "pointer": concat("/", ["/groups", name]), "policies": policies, "members": members}

test_empty_groups if {
	a := testing.account({"alias": "legacy", "groups": [
		group("admins-2019", [{"text": "AdministratorAccess", "pointer": "/groups/admins-2019/policies/0", "managed": true}, {"text": "../policies/billing.json", "pointer": "/groups/admins-2019/policies/1", "managed": false}], []),
		group("interns", [], []),
		group("ops", [], ["wang"]),
	]})
	empty_group.aggregate == {
		{"file": "iam/accounts/a.yaml", "pointer": "/groups/admins-2019", "target": "key", "msg": "group admins-2019 of legacy has no members but carries AdministratorAccess, ../policies/billing.json: whoever is added to it gets them; delete it if it is no longer used"},
		{"file": "iam/accounts/a.yaml", "pointer": "/groups/interns", "target": "key", "msg": "group interns of legacy has no members and no policies: delete it"},
	} with input as testing.workspace([], [a], {})
}
