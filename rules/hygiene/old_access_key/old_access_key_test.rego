package rampart.rules.hygiene.old_access_key_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.old_access_key

# 2026-06-01T00:00:00Z
now := 1780272000000000000

key(id, created, active) := {"id": id, "created": created, "active": active, "last_used": "", "pointer": "/users/ci/access_keys/0"}

findings(a) := fs if {
	fs := old_access_key.aggregate with input as testing.workspace([], [a], {}) with time.now_ns as now
}

test_now_is_what_the_tests_say if {
	time.format([now, "UTC", "2006-01-02T15:04:05Z07:00"]) == "2026-06-01T00:00:00Z"
}

test_default_ninety_days if {
	a := testing.account({"alias": "legacy", "users": [testing.user("ci", {"access_keys": [key("LTAI5tOldKey", "2025-01-15", true)]})]})
	findings(a) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/ci/access_keys/0/created",
		"msg": "access key LTAI5tOldKey of user ci in legacy was created on 2025-01-15, 502 days ago, and is still active: rotate it; keys should be rotated every 90 days (set access_key_max_age_days to choose another period)",
	}}
}

test_the_accounts_own_limit if {
	a := testing.account({"id": "111122223333", "access_key_max_age_days": 180, "users": [testing.user("ci", {"access_keys": [key("AKIAEXAMPLE", "2025-11-01T08:00:00Z", true)]})]})
	findings(a) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/ci/access_keys/0/created",
		"msg": "access key AKIAEXAMPLE of user ci in account 111122223333 was created on 2025-11-01T08:00:00Z, 211 days ago, and is still active: rotate it; the account allows 180 days (access_key_max_age_days)",
	}}
	count(findings(object.union(a, {"access_key_max_age_days": 365}))) == 0
}

test_young_inactive_and_undated_keys_pass if {
	a := testing.account({"users": [testing.user("ci", {"access_keys": [
		key("young", "2026-04-01", true),
		key("off", "2019-01-01", false),
		key("undated", "", true),
		key("garbled", "last spring", true),
		object.union(key("unused", "2019-01-01", true), {"last_used": "never"}),
	]})]})
	count(findings(a)) == 0
}
