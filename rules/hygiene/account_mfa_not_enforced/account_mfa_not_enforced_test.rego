package rampart.rules.hygiene.account_mfa_not_enforced_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.account_mfa_not_enforced

findings(a) := fs if {
	fs := account_mfa_not_enforced.aggregate with input as testing.workspace([], [a], {})
}

test_no_setting_with_devices_everywhere if {
	findings(testing.account({"alias": "legacy", "dialect": "acs", "users": [testing.user("ann", {"console": true, "mfa": true}), testing.user("ci", {})]})) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/mfa",
		"msg": "legacy has 1 console user and does not require MFA at console sign-in: every one of them has an MFA device today, but the next user created will not need one",
	}}
}

test_setting_off_with_users_without_devices if {
	findings(testing.account({"id": "859150329790", "dialect": "jdcloud", "mfa": {"pointer": "/mfa", "required_for_console": false, "operation_protection": true}, "users": [
		testing.user("ann", {"console": true, "mfa": true}),
		testing.user("bo", {"console": true}),
		testing.user("cy", {"console": true}),
	]})) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/mfa/required_for_console",
		"msg": "account 859150329790 has 3 console users and does not require MFA at console sign-in: bo, cy have no MFA device",
	}}
}

test_required_aws_or_no_console_users_pass if {
	count(findings(testing.account({"dialect": "acs", "mfa": {"pointer": "/mfa", "required_for_console": true, "operation_protection": false}, "users": [testing.user("bo", {"console": true})]}))) == 0
	count(findings(testing.account({"dialect": "aws", "users": [testing.user("bo", {"console": true})]}))) == 0
	count(findings(testing.account({"dialect": "acs", "users": [testing.user("ci", {})]}))) == 0
}
