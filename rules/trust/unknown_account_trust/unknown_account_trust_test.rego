package rampart.rules.trust.unknown_account_trust_test

import data.rampart.lib.testing
import data.rampart.rules.trust.unknown_account_trust

trust(dialect, principal) := object.union(
	testing.policy(dialect, "trust", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal}]),
	{"file": "iam/policies/ops.trust.json"},
)

owner := testing.account({
	"id": "11223344", "alias": "company-a", "dialect": "acs",
	"roles": [{"name": "ops", "pointer": "/roles/ops", "policies": [], "tags": {}, "max_session_duration": 0,
		"trust": {"text": "../policies/ops.trust.json", "pointer": "/roles/ops/trust", "file": "iam/policies/ops.trust.json", "managed": false}}],
})

test_unknown_account_names_the_role if {
	fs := unknown_account_trust.aggregate with input as testing.workspace([trust("acs", {"RAM": "acs:ram::99998888:root"})], [owner], {})
	fs == {{
		"msg": "role ops of company-a trusts account 99998888, which is neither in the inventory nor in known_accounts of rampart.yaml",
		"pointer": "/Statement/0/Principal/RAM",
		"file": "iam/policies/ops.trust.json",
	}}
}

test_forms_of_an_account if {
	every principal in [
		{"AWS": "999988887777"},
		{"AWS": "arn:aws:iam::999988887777:root"},
		{"AWS": "arn:aws:iam::999988887777:role/deployer"},
		{"AWS": "arn:aws:sts::999988887777:assumed-role/deployer/s"},
		{"JDCLOUD": "jrn:iam::999988887777:user/ops"},
	] {
		fs := unknown_account_trust.aggregate with input as testing.workspace([trust("aws", principal)], [], {})
		some f in fs
		contains(f.msg, "trusts account 999988887777")
	}
}

test_known_accounts_pass if {
	every ws in [
		testing.workspace([trust("acs", {"RAM": "acs:ram::11223344:root"})], [owner], {}),
		testing.workspace([trust("acs", {"RAM": ["acs:ram::55556666:user/ci"]})], [owner], {"55556666": "partner CI"}),
	] {
		count(unknown_account_trust.aggregate) == 0 with input as ws
	}
}

test_services_and_wildcards_are_not_accounts if {
	every principal in [
		{"Service": "ecs.aliyuncs.com"},
		{"RAM": "acs:ram::*:root"},
		{"Federated": "acs:ram::99998888:saml-provider/idp"},
	] {
		count(unknown_account_trust.aggregate) == 0 with input as testing.workspace([trust("acs", principal)], [], {})
	}
}
