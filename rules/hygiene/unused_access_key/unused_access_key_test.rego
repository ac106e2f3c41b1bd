package rampart.rules.hygiene.unused_access_key_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.unused_access_key

# 2026-06-01T00:00:00Z
now := 1780272000000000000

key(i, fields) := object.union({"id": sprintf("K%d", [i]), "created": "", "active": true, "last_used": "", "pointer": sprintf("/users/ci/access_keys/%d", [i])}, fields)

findings(keys) := fs if {
	a := testing.account({"alias": "legacy", "users": [testing.user("ci", {"access_keys": keys})]})
	fs := unused_access_key.aggregate with input as testing.workspace([], [a], {}) with time.now_ns as now
}

test_never_used_since_long_ago if {
	findings([key(0, {"created": "2025-12-01", "last_used": "N/A"})]) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/ci/access_keys/0/last_used",
		"msg": "access key K0 of user ci in legacy has never been used since it was created on 2025-12-01, 182 days ago: delete it",
	}}
}

test_never_used_without_a_creation_date if {
	findings([key(0, {"last_used": "never"})]) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/ci/access_keys/0/last_used",
		"msg": "access key K0 of user ci in legacy has never been used: delete it",
	}}
}

test_a_new_key_not_yet_used_passes if {
	count(findings([key(0, {"created": "2026-05-20", "last_used": "never"})])) == 0
}

test_last_used_long_ago if {
	findings([key(1, {"created": "2020-01-01", "last_used": "2025-10-03T12:00:00Z"})]) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/ci/access_keys/1/last_used",
		"msg": "access key K1 of user ci in legacy was last used on 2025-10-03T12:00:00Z, 240 days ago: delete it if nothing needs it any more",
	}}
}

test_option_shortens_the_period if {
	a := testing.account({"alias": "legacy", "users": [testing.user("ci", {"access_keys": [key(0, {"last_used": "2026-04-01"})]})]})
	count(unused_access_key.aggregate) == 0 with input as testing.workspace([], [a], {}) with time.now_ns as now
	count(unused_access_key.aggregate) == 1 with input as testing.workspace([], [a], {}) with time.now_ns as now
		with data.rampart.options as {"HYG011": {"unused_days": 45}}
}

test_deactivated_key_is_a_note if {
	findings([key(0, {"active": false, "last_used": "2019-01-01"})]) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/ci/access_keys/0/active",
		"msg": "access key K0 of user ci in legacy is deactivated but kept: delete it; anyone allowed to update the user's keys can switch it back on",
		"severity": "info",
	}}
}

test_recent_or_unrecorded_use_passes if {
	count(findings([key(0, {"created": "2019-01-01", "last_used": "2026-05-30"}), key(1, {"created": "2019-01-01"})])) == 0
}
