package rampart.rules.hygiene.unassumable_role_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.unassumable_role

doc(dialect, kind, file, statements) := object.union(testing.policy(dialect, kind, statements), {"file": file})

ref(file, ptr) := {"text": file, "pointer": ptr, "file": file, "managed": false}

trust(dialect, principal) := doc(dialect, "trust", "iam/policies/r.trust.json", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal}])

assume(dialect, file, resource) := doc(dialect, "identity", file, [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": resource}])

role(name) := {"name": name, "pointer": concat("/", ["/roles", name]), "trust": ref("iam/policies/r.trust.json", concat("/", ["/roles", name, "trust"])), "policies": [], "tags": {}, "max_session_duration": 3600}

account(id, alias, dialect, fields) := testing.account(object.union({"file": sprintf("iam/accounts/%s.yaml", [alias]), "id": id, "alias": alias, "dialect": dialect}, fields))

findings(docs, accounts) := fs if {
	fs := unassumable_role.aggregate with input as testing.workspace(docs, accounts, {})
}

test_own_account_root_nobody_may_assume if {
	a := account("11223344", "company-a", "acs", {"roles": [role("ecs-admin")], "users": [testing.user("zhang", {"policies": [ref("iam/policies/ecs.json", "/users/zhang/policies/0")]})]})
	ecs := doc("acs", "identity", "iam/policies/ecs.json", [{"Effect": "Allow", "Action": "ecs:Describe*", "Resource": "*"}])
	findings([trust("acs", {"RAM": "acs:ram::11223344:root"}), ecs], [a]) == {{
		"file": "iam/accounts/company-a.yaml", "pointer": "/roles/ecs-admin", "target": "key",
		"msg": "role ecs-admin of company-a can be assumed by nobody this repository knows: its trust policy names account company-a, where no user or role may call sts:AssumeRole on it",
		"related": [{"msg": "cannot assume the role", "file": "iam/policies/r.trust.json", "pointer": "/Statement/0/Principal/RAM"}],
	}}
}

test_a_grant_through_a_group_or_a_role_opens_it if {
	grant := assume("acs", "iam/policies/sts.json", "acs:ram:*:11223344:role/ecs-*")
	by_group := account("11223344", "company-a", "acs", {
		"roles": [role("ecs-admin")],
		"users": [testing.user("zhang", {"groups": [{"name": "ops", "pointer": "/users/zhang/groups/0"}]})],
		"groups": [{"name": "ops", "pointer": "/groups/ops", "policies": [ref("iam/policies/sts.json", "/groups/ops/policies/0")], "members": ["zhang"]}],
	})
	count(findings([trust("acs", {"RAM": "acs:ram::11223344:root"}), grant], [by_group])) == 0
	chain := object.remove(object.union(role("chain"), {"policies": [ref("iam/policies/sts.json", "/roles/chain/policies/0")]}), ["trust"])
	by_role := account("11223344", "company-a", "acs", {"roles": [role("ecs-admin"), chain]})
	count(findings([trust("acs", {"RAM": "acs:ram::11223344:root"}), grant], [by_role])) == 0
}

test_a_grant_on_another_role_does_not_open_it if {
	grant := assume("acs", "iam/policies/sts.json", "acs:ram:*:11223344:role/billing")
	a := account("11223344", "company-a", "acs", {"roles": [role("ecs-admin")], "users": [testing.user("zhang", {"policies": [ref("iam/policies/sts.json", "/users/zhang/policies/0")]})]})
	count(findings([trust("acs", {"RAM": "acs:ram::11223344:root"}), grant], [a])) == 1
}

test_deleted_user_of_a_partner_account if {
	a := account("859150329790", "shop", "jdcloud", {"roles": [role("partner-ops")]})
	b := account("123456789012", "partner", "jdcloud", {"users": [testing.user("ops-zhao", {})]})
	t := trust("jdcloud", {"JDCLOUD": ["jrn:iam::123456789012:user/ops-qian", "jrn:iam::123456789012:user/ops-zhao"]})
	findings([t], [a, b]) == {{
		"file": "iam/accounts/shop.yaml", "pointer": "/roles/partner-ops", "target": "key",
		"msg": "role partner-ops of shop can be assumed by nobody this repository knows: its trust policy names user ops-qian of partner, which the inventory does not have; user ops-zhao of partner, which may not call sts:AssumeRole on it",
		"related": [
			{"msg": "cannot assume the role", "file": "iam/policies/r.trust.json", "pointer": "/Statement/0/Principal/JDCLOUD/0"},
			{"msg": "cannot assume the role", "file": "iam/policies/r.trust.json", "pointer": "/Statement/0/Principal/JDCLOUD/1"},
		],
	}}
}

test_aws_same_account_entity_needs_no_identity_grant if {
	a := account("111122223333", "prod", "aws", {"roles": [role("deploy")], "users": [testing.user("ci", {})]})
	count(findings([trust("aws", {"AWS": "arn:aws:iam::111122223333:user/ci"})], [a])) == 0
	count(findings([trust("aws", {"AWS": "arn:aws:iam::111122223333:user/gone"})], [a])) == 1
	count(findings([trust("aws", {"AWS": "111122223333"})], [a])) == 1
}

test_services_providers_foreign_accounts_and_unknown_policies_open_it if {
	a := account("11223344", "company-a", "acs", {"roles": [role("r")], "users": [testing.user("u", {"policies": [{"text": "SomeSystemPolicy", "pointer": "/users/u/policies/0", "managed": true}]})]})
	every principal in [
		{"Service": "ecs.aliyuncs.com"},
		{"Federated": "acs:ram::11223344:saml-provider/idp"},
		{"RAM": "acs:ram::99999999:root"},
		{"RAM": "*"},
		{"RAM": "acs:ram::11223344:root"},
	] {
		count(findings([trust("acs", principal)], [a])) == 0
	}
}

test_no_allow_for_an_assume_action if {
	a := account("11223344", "company-a", "acs", {"roles": [role("r")]})
	t := doc("acs", "trust", "iam/policies/r.trust.json", [{"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": {"RAM": "*"}}])
	findings([t], [a]) == {{
		"file": "iam/accounts/company-a.yaml", "pointer": "/roles/r", "target": "key",
		"msg": "role r of company-a can be assumed by nobody: its trust policy has no Allow statement for an assume action",
	}}
}

test_roles_without_a_resolved_trust_are_not_judged if {
	a := account("11223344", "company-a", "acs", {"roles": [object.remove(role("r"), ["trust"])]})
	count(findings([], [a])) == 0
}
