package rampart.rules.hygiene.user_attached_policy_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.user_attached_policy

ref(text, ptr) := {"text": text, "pointer": ptr, "file": concat("/", ["iam/policies", text]), "managed": false}

system(text, ptr) := {"text": text, "pointer": ptr, "managed": true}

group(name, policies) := {"name": name, "pointer": concat("/", ["/groups", name]), "policies": policies, "members": []}

findings(accounts) := fs if {
	fs := user_attached_policy.aggregate with input as testing.workspace([], accounts, {})
}

test_redundant_with_the_users_group if {
	a := testing.account({"alias": "legacy", "groups": [group("ops", [ref("ecs.json", "/groups/ops/policies/0")])], "users": [
		testing.user("wang", {"groups": [{"name": "ops", "pointer": "/users/wang/groups/0"}], "policies": [ref("ecs.json", "/users/wang/policies/0")]}),
	]})
	findings([a]) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/wang/policies/0",
		"msg": "user wang of legacy has ecs.json attached directly and also through group ops: the direct attachment is redundant, and removing wang from ops would not take the access away",
	}}
}

test_redundant_with_two_of_the_users_groups if {
	a := testing.account({"alias": "legacy", "groups": [
		group("ops", [ref("ecs.json", "/groups/ops/policies/0")]),
		group("admins", [ref("ecs.json", "/groups/admins/policies/0")]),
		group("audit", [ref("ecs.json", "/groups/audit/policies/0")]),
	], "users": [testing.user("wang", {
		"groups": [{"name": "ops", "pointer": "/users/wang/groups/0"}, {"name": "admins", "pointer": "/users/wang/groups/1"}],
		"policies": [ref("ecs.json", "/users/wang/policies/0")],
	})]})
	findings([a]) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/wang/policies/0",
		"msg": "user wang of legacy has ecs.json attached directly and also through groups admins and ops: the direct attachment is redundant, and removing wang from admins or ops would not take the access away",
	}}
}

test_a_group_of_the_account_carries_it if {
	a := testing.account({
		"id": "11223344", "groups": [
			group("ops", [system("AliyunECSReadOnlyAccess", "/groups/ops/policies/0")]),
			group("audit", [system("AliyunECSReadOnlyAccess", "/groups/audit/policies/1")]),
		],
		"users": [testing.user("li", {"policies": [system("AliyunECSReadOnlyAccess", "/users/li/policies/0")]})],
	})
	findings([a]) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/li/policies/0",
		"msg": "user li of account 11223344 has AliyunECSReadOnlyAccess attached directly, which groups audit and ops carry: add li to one of them and detach the policy",
	}}
}

test_users_sharing_a_policy if {
	a := testing.account({"alias": "legacy", "users": [
		testing.user("ann", {"policies": [ref("deploy.json", "/users/ann/policies/0")]}),
		testing.user("bo", {"policies": [ref("other.json", "/users/bo/policies/0"), ref("deploy.json", "/users/bo/policies/1")]}),
		testing.user("cy", {"policies": [ref("deploy.json", "/users/cy/policies/0")]}),
	]})
	fs := findings([a])
	count(fs) == 3
	some f in fs
	f.pointer == "/users/ann/policies/0"
	f == {
		"file": "iam/accounts/a.yaml", "pointer": "/users/ann/policies/0",
		"msg": "user ann of legacy has deploy.json attached directly, as do users bo, cy: give them a group that carries it",
		"related": [
			{"msg": "also attached to bo", "file": "iam/accounts/a.yaml", "pointer": "/users/bo/policies/1"},
			{"msg": "also attached to cy", "file": "iam/accounts/a.yaml", "pointer": "/users/cy/policies/0"},
		],
	}
}

test_many_holders_are_summed_up if {
	users := [testing.user(sprintf("u%d", [i]), {"policies": [ref("deploy.json", sprintf("/users/u%d/policies/0", [i]))]}) | some i in numbers.range(1, 8)]
	fs := findings([testing.account({"alias": "legacy", "users": users})])
	count(fs) == 8
	some f in fs
	f.pointer == "/users/u1/policies/0"
	f.msg == "user u1 of legacy has deploy.json attached directly, as do users u2, u3, u4, u5, u6 and 2 more: give them a group that carries it"
	count(f.related) == 5
}

test_one_user_with_its_own_policy_passes_unless_strict if {
	a := testing.account({"alias": "legacy", "users": [
		testing.user("alice", {"policies": [system("AliyunSTSAssumeRoleAccess", "/users/alice/policies/0")]}),
		testing.user("bob", {}),
	]})
	count(findings([a])) == 0
	fs := user_attached_policy.aggregate with input as testing.workspace([], [a], {}) with data.rampart.options as {"HYG007": {"strict": true}}
	fs == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/alice/policies/0",
		"msg": "user alice of legacy has AliyunSTSAssumeRoleAccess attached directly: grant it through a group",
	}}
}

test_same_text_in_another_account_is_another_policy if {
	a := testing.account({"file": "iam/accounts/a.yaml", "users": [testing.user("ann", {"policies": [system("ReadOnlyAccess", "/users/ann/policies/0")]})]})
	b := testing.account({"file": "iam/accounts/b.yaml", "users": [testing.user("bo", {"policies": [system("ReadOnlyAccess", "/users/bo/policies/0")]})]})
	count(findings([a, b])) == 0
}
