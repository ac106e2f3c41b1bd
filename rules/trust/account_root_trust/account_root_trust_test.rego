package rampart.rules.trust.account_root_trust_test

import data.rampart.lib.testing
import data.rampart.rules.trust.account_root_trust as rule

trust(dialect, principal, cond) := object.union(
	testing.policy(dialect, "trust", [{"Sid": "Partner", "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal, "Condition": cond}]),
	{"file": "iam/policies/partner.trust.json"},
)

role := {
	"name": "partner-ops", "pointer": "/roles/partner-ops", "policies": [], "tags": {}, "max_session_duration": 0,
	"trust": {"text": "../policies/partner.trust.json", "pointer": "/roles/partner-ops/trust", "file": "iam/policies/partner.trust.json", "managed": false},
}

acme := testing.account({"id": "112233445566", "alias": "acme", "dialect": "jdcloud", "roles": [role]})

sister := testing.account({"file": "iam/accounts/sister.yaml", "id": "665544332211", "alias": "acme-eu"})

test_partner_root if {
	fs := rule.aggregate with input as testing.workspace([trust("jdcloud", {"JDCLOUD": "jrn:iam::998877665544:root"}, {})], [acme], {})
	fs == {{
		"msg": "role partner-ops of acme trusts every principal of account 998877665544, which is not in the inventory: whoever that account allows to assume roles can become this role; name the principal instead of jrn:iam::998877665544:root",
		"pointer": "/Statement/0/Principal/JDCLOUD",
		"file": "iam/policies/partner.trust.json",
	}}
}

test_forms_of_root if {
	every case in [
		["aws", {"AWS": "998877665544"}],
		["aws", {"AWS": ["arn:aws:iam::998877665544:root"]}],
		["acs", {"RAM": "acs:ram::99887766:root"}],
		["jdcloud", "jrn:iam::998877665544:root"],
		["jdcloud", {"JDCLOUD": "998877665544"}],
	] {
		count(rule.aggregate) == 1 with input as testing.workspace([trust(case[0], case[1], {"Bool": {"aws:MultiFactorAuthPresent": "true"}})], [acme], {})
	}
}

test_external_id_is_a_note if {
	some f in rule.aggregate with input as testing.workspace([trust("aws", {"AWS": "998877665544"}, {"StringEquals": {"sts:ExternalId": "acme-1"}})], [acme], {})
	f.severity == "info"
	f.msg == "role partner-ops of acme trusts every principal of account 998877665544 that its administrators allow to assume roles, given the external ID; name the principal the party uses if it publishes one"
}

test_narrowing_conditions_pass if {
	every cond in [
		{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::998877665544:role/ops"}},
		{"StringEquals": {"aws:PrincipalTag/team": "ops"}},
		{"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}},
		{"StringEquals": {"sts:SourceIdentity": "alice"}},
	] {
		count(rule.aggregate) == 0 with input as testing.workspace([trust("aws", {"AWS": "998877665544"}, cond)], [acme], {})
	}
}

test_conditions_that_do_not_narrow if {
	every cond in [
		{"StringLike": {"aws:PrincipalArn": "*"}},
		{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::998877665544:role/intern"}},
		{"StringEqualsIfExists": {"aws:PrincipalTag/team": "ops"}},
	] {
		count(rule.aggregate) == 1 with input as testing.workspace([trust("aws", {"AWS": "998877665544"}, cond)], [acme], {})
	}
}

test_named_principals_own_accounts_and_unused_documents_pass if {
	every ws in [
		testing.workspace([trust("jdcloud", {"JDCLOUD": "jrn:iam::998877665544:user/ops"}, {})], [acme], {}),
		testing.workspace([trust("jdcloud", {"JDCLOUD": "jrn:iam::112233445566:root"}, {})], [acme], {}),
		testing.workspace([trust("jdcloud", {"JDCLOUD": "jrn:iam::665544332211:root"}, {})], [acme, sister], {}),
		testing.workspace([trust("jdcloud", {"JDCLOUD": "jrn:iam::998877665544:root"}, {})], [sister], {}),
	] {
		count(rule.aggregate) == 0 with input as ws
	}
}
