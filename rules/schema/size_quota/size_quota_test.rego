package rampart.rules.schema.size_quota_test

import data.rampart.lib.testing
import data.rampart.rules.schema.size_quota

trust(n) := testing.policy("aws", "trust", [{
	"Sid": "Partners", "Effect": "Allow", "Action": "sts:AssumeRole",
	"Principal": {"AWS": [sprintf("arn:aws:iam::%d:root", [100000000000 + i]) | some i in numbers.range(1, n)]},
}])

test_trust_policy_over_2048 if {
	size_quota.deny == {{
		"msg": "this document is 2432 characters long without white space; a role trust policy (4096 after a quota increase) may hold 2048, so the cloud rejects it",
		"pointer": "/Statement",
		"target": "key",
	}} with input as trust(70)
	count(size_quota.deny) == 0 with input as trust(58)
}

session(n) := testing.policy("acs", "session", [{"Effect": "Allow", "Action": [sprintf("oss:GetObject%d", [i]) | some i in numbers.range(1, n)], "Resource": "*"}])

test_acs_session_levels if {
	some f in size_quota.deny with input as session(60)
	f.severity == "info"
	some g in size_quota.deny with input as session(120)
	not g.severity
	count(size_quota.deny) == 0 with input as session(40)
}

test_managed_and_unlimited_kinds_pass if {
	count(size_quota.deny) == 0 with input as object.union(trust(200), {"managed": true})
	count(size_quota.deny) == 0 with input as object.union(trust(200), {"kind": "resource"})
}
