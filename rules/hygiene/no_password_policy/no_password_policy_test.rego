package rampart.rules.hygiene.no_password_policy_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.no_password_policy

findings(a) := fs if {
	fs := no_password_policy.aggregate with input as testing.workspace([], [a], {})
}

test_console_users_without_a_policy if {
	findings(testing.account({"alias": "legacy", "dialect": "aws", "users": [
		testing.user("zoe", {"console": true}),
		testing.user("ci", {}),
		testing.user("ann", {"console": true, "mfa": true}),
	]})) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/password_policy",
		"msg": "legacy has console users (ann, zoe) but records no password_policy: AWS's default policy applies unless one is set elsewhere: 8 characters from three character types, no expiry, no reuse check",
	}}
}

test_each_dialect_names_its_defaults if {
	some f in findings(testing.account({"id": "1234", "dialect": "acs", "users": [testing.user("li", {"console": true})]}))
	f.msg == "account 1234 has console users (li) but records no password_policy: RAM's default policy applies unless one is set elsewhere: 8 characters, no required character types, no expiry, no reuse check, no lockout"
	some g in findings(testing.account({"id": "1234", "dialect": "jdcloud", "users": [testing.user("li", {"console": true})]}))
	g.msg == "account 1234 has console users (li) but records no password_policy: the vendor's default policy applies unless one is set elsewhere; record the policy to have it reviewed"
}

test_recorded_policy_or_no_console_users_pass if {
	count(findings(testing.account({"dialect": "aws", "users": [testing.user("ci", {})]}))) == 0
	count(findings(testing.account({"dialect": "aws", "users": [testing.user("zoe", {"console": true})], "password_policy": {
		"pointer": "/password_policy", "min_length": 8, "require_lowercase": false, "require_uppercase": false, "require_numbers": false,
		"require_symbols": false, "max_age_days": 0, "reuse_prevention": 0, "max_login_attempts": 0, "hard_expiry": false,
	}}))) == 0
}
