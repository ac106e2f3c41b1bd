package rampart.rules.trust.third_party_trust_without_external_id_test

import data.rampart.lib.testing
import data.rampart.rules.trust.third_party_trust_without_external_id as rule

trust(dialect, principal, cond) := object.union(
	testing.policy(dialect, "trust", [{"Sid": "Vendor", "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal, "Condition": cond}]),
	{"file": "iam/policies/vendor.trust.json"},
)

role(name) := {
	"name": name, "pointer": concat("/", ["/roles", name]), "policies": [], "tags": {}, "max_session_duration": 0,
	"trust": {"text": "../policies/vendor.trust.json", "pointer": concat("/", ["/roles", name, "trust"]), "file": "iam/policies/vendor.trust.json", "managed": false},
}

prod := testing.account({"id": "111122223333", "alias": "prod", "dialect": "aws", "roles": [role("billing-reader")]})

tools := testing.account({"file": "iam/accounts/tools.yaml", "id": "444455556666", "alias": "tools", "dialect": "aws"})

test_vendor_without_external_id if {
	fs := rule.aggregate with input as testing.workspace([trust("aws", {"AWS": "arn:aws:iam::999988887777:root"}, {})], [prod], {"999988887777": "CloudCost Inc., cost reports"})
	fs == {{
		"msg": "role billing-reader of prod trusts account 999988887777 (CloudCost Inc., cost reports), which is not in the inventory, with no condition on sts:ExternalId: another customer of that party can have it assume the role (the confused deputy)",
		"pointer": "/Statement/0/Principal/AWS",
		"file": "iam/policies/vendor.trust.json",
	}}
}

test_forms_and_dialects if {
	every case in [
		["aws", {"AWS": "999988887777"}],
		["aws", {"AWS": "arn:aws:iam::999988887777:role/cloudcost-collector"}],
		["acs", {"RAM": ["acs:ram::99998888:root"]}],
	] {
		count(rule.aggregate) == 1 with input as testing.workspace([trust(case[0], case[1], {"StringEquals": {"sts:SourceIdentity": "x"}})], [prod], {})
	}
}

test_weak_external_id_conditions if {
	every cond in [
		{"StringNotEquals": {"sts:ExternalId": "abc"}},
		{"StringEqualsIfExists": {"sts:ExternalId": "abc"}},
		{"StringLike": {"sts:ExternalId": "*"}},
	] {
		count(rule.aggregate) == 1 with input as testing.workspace([trust("aws", {"AWS": "999988887777"}, cond)], [prod], {})
	}
}

test_passes if {
	every ws in [
		testing.workspace([trust("aws", {"AWS": "999988887777"}, {"StringEquals": {"sts:ExternalId": "cc-7f3a9e"}})], [prod], {}),
		testing.workspace([trust("acs", {"RAM": "acs:ram::99998888:root"}, {"StringEquals": {"STS:ExternalId": "cc-7f3a9e"}})], [prod], {}),
		testing.workspace([trust("aws", {"AWS": "arn:aws:iam::444455556666:role/deploy"}, {})], [prod, tools], {}),
		testing.workspace([trust("aws", {"AWS": "arn:aws:iam::111122223333:root"}, {})], [prod], {}),
		testing.workspace([trust("aws", {"Service": "ec2.amazonaws.com"}, {})], [prod], {}),
		testing.workspace([trust("jdcloud", {"JDCLOUD": "jrn:iam::999988887777:root"}, {})], [prod], {}),
		testing.workspace([trust("aws", {"AWS": "999988887777"}, {})], [tools], {}),
	] {
		count(rule.aggregate) == 0 with input as ws
	}
}
