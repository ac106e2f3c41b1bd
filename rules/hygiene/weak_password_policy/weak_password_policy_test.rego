package rampart.rules.hygiene.weak_password_policy_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.weak_password_policy

strong := {
	"pointer": "/password_policy", "min_length": 14,
	"require_lowercase": true, "require_uppercase": true, "require_numbers": true, "require_symbols": true,
	"max_age_days": 90, "reuse_prevention": 24, "max_login_attempts": 5, "hard_expiry": false,
}

account(dialect, policy, users) := testing.account({"id": "11223344", "alias": "legacy", "dialect": dialect, "password_policy": policy, "users": users})

findings(a) := fs if {
	fs := weak_password_policy.aggregate with input as testing.workspace([], [a], {})
}

pointers(a) := {f.pointer | some f in findings(a)}

test_a_strong_policy_passes_in_every_dialect if {
	every d in ["acs", "jdcloud", "aws"] {
		count(findings(account(d, strong, [testing.user("ann", {"console": true})]))) == 0
	}
}

test_every_weakness_of_an_acs_policy if {
	weak := object.union(strong, {"min_length": 8, "require_symbols": false, "require_uppercase": false, "max_age_days": 0, "reuse_prevention": 0, "max_login_attempts": 0})
	findings(account("acs", weak, [testing.user("ann", {"console": true})])) == {
		{"file": "iam/accounts/a.yaml", "pointer": "/password_policy/min_length", "msg": "the password policy of legacy accepts passwords of 8 characters; user ann signs in to the console without MFA, so a password alone protects the account and should have at least 14 characters"},
		{"file": "iam/accounts/a.yaml", "pointer": "/password_policy/require_uppercase", "msg": "the password policy of legacy requires 2 of the four character types (not upper case letters, symbols); require at least 3"},
		{"file": "iam/accounts/a.yaml", "pointer": "/password_policy/max_age_days", "msg": "the password policy of legacy lets passwords live forever (max_age_days is 0 or missing); let them expire after 90 days at most"},
		{"file": "iam/accounts/a.yaml", "pointer": "/password_policy/reuse_prevention", "msg": "the password policy of legacy lets users reuse their previous passwords (reuse_prevention is 0 or missing); remember at least the last 3"},
		{"file": "iam/accounts/a.yaml", "pointer": "/password_policy/max_login_attempts", "msg": "the password policy of legacy never locks a user out after failed sign-ins (max_login_attempts is 0 or missing); lock after 5 attempts an hour at most"},
	}
}

test_mfa_on_every_console_user_allows_eight if {
	policy := object.union(strong, {"min_length": 10})
	count(findings(account("acs", policy, [testing.user("ann", {"console": true, "mfa": true}), testing.user("ci", {})]))) == 0
	pointers(account("acs", policy, [testing.user("ann", {"console": true, "mfa": true}), testing.user("bo", {"console": true})])) == {"/password_policy/min_length"}
}

test_account_wide_mfa_allows_eight if {
	a := object.union(account("jdcloud", object.union(strong, {"min_length": 8}), [testing.user("ann", {"console": true})]), {"mfa": {"pointer": "/mfa", "required_for_console": true, "operation_protection": false}})
	count(findings(a)) == 0
	findings(object.union(a, {"password_policy": object.union(strong, {"min_length": 6})})) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/password_policy/min_length",
		"msg": "the password policy of legacy accepts passwords of 6 characters, fewer than the 8 characters even a password backed by MFA should have",
	}}
}

test_without_console_users_the_long_length_applies if {
	findings(account("aws", object.union(strong, {"min_length": 12}), [])) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/password_policy/min_length",
		"msg": "the password policy of legacy accepts passwords of 12 characters; the account does not require MFA at console sign-in, so a password alone protects the account and should have at least 14 characters",
	}}
}

test_aws_reuse_wants_24_and_has_no_lockout if {
	findings(account("aws", object.union(strong, {"reuse_prevention": 5, "max_login_attempts": 0}), [])) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/password_policy/reuse_prevention",
		"msg": "the password policy of legacy remembers only the last 5 passwords; remember at least the last 24",
	}}
}

test_jdcloud_lockout_only_when_too_lax if {
	count(findings(account("jdcloud", object.union(strong, {"reuse_prevention": 3, "max_login_attempts": 0}), []))) == 0
	findings(account("jdcloud", object.union(strong, {"reuse_prevention": 3, "max_login_attempts": 10}), [])) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/password_policy/max_login_attempts",
		"msg": "the password policy of legacy allows 10 failed sign-ins an hour before it locks the user out; lock after 5 at most",
	}}
}

test_long_expiry_and_unset_length if {
	pointers(account("acs", object.union(strong, {"min_length": 0, "max_age_days": 365}), [])) == {"/password_policy/min_length", "/password_policy/max_age_days"}
	some f in findings(account("acs", object.union(strong, {"max_age_days": 365}), []))
	f.msg == "the password policy of legacy lets passwords live 365 days; let them expire after 90 days at most"
}

test_options_move_the_thresholds if {
	a := account("aws", object.union(strong, {"min_length": 12, "reuse_prevention": 5}), [])
	count(weak_password_policy.aggregate) == 0 with input as testing.workspace([], [a], {})
		with data.rampart.options as {"HYG006": {"min_length": 12, "reuse_prevention": 5}}
}

test_no_policy_is_another_rule if {
	count(findings(testing.account({"id": "1", "dialect": "aws", "users": [testing.user("ann", {"console": true})]}))) == 0
}
