package rampart.rules.hygiene.console_without_mfa_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.console_without_mfa

test_console_user_without_mfa if {
	ws := testing.workspace([], [testing.account({"id": "11223344", "alias": "company-a", "users": [
		testing.user("alice", {"console": true, "mfa": true}),
		testing.user("bob", {"console": true}),
		testing.user("ci", {"console": false}),
	]})], {})
	console_without_mfa.aggregate == {{
		"msg": "user bob of company-a can sign in to the console with a password alone: it has no MFA device and the account does not require one",
		"pointer": "/users/bob",
		"file": "iam/accounts/a.yaml",
		"target": "key",
	}} with input as ws
}

test_account_that_requires_mfa_passes if {
	ws := testing.workspace([], [testing.account({
		"id": "11223344",
		"mfa": {"pointer": "/mfa", "required_for_console": true, "operation_protection": false},
		"users": [testing.user("bob", {"console": true})],
	})], {})
	count(console_without_mfa.aggregate) == 0 with input as ws
}
