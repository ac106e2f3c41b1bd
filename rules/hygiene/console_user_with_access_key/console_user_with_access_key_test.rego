package rampart.rules.hygiene.console_user_with_access_key_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.console_user_with_access_key

key(u, i, id, active) := {"id": id, "created": "2025-01-01", "active": active, "last_used": "", "pointer": sprintf("/users/%s/access_keys/%d", [u, i])}

findings(users) := fs if {
	a := testing.account({"alias": "legacy", "users": users})
	fs := console_user_with_access_key.aggregate with input as testing.workspace([], [a], {})
}

test_console_user_with_keys if {
	findings([testing.user("zhou", {"console": true, "mfa": true, "access_keys": [key("zhou", 0, "LTAI5tOne", true), key("zhou", 1, "LTAI5tOff", false), key("zhou", 2, "LTAI5tTwo", true)]})]) == {{
		"file": "iam/accounts/a.yaml", "pointer": "/users/zhou", "target": "key",
		"msg": "user zhou of legacy signs in to the console and also has active access keys LTAI5tOne, LTAI5tTwo: keep this user for the person and give the program its own identity",
		"related": [
			{"msg": "active access key", "file": "iam/accounts/a.yaml", "pointer": "/users/zhou/access_keys/0"},
			{"msg": "active access key", "file": "iam/accounts/a.yaml", "pointer": "/users/zhou/access_keys/2"},
		],
	}}
}

test_separate_identities_pass if {
	count(findings([
		testing.user("zhou", {"console": true, "mfa": true, "access_keys": [key("zhou", 0, "LTAI5tOff", false)]}),
		testing.user("ci", {"access_keys": [key("ci", 0, "LTAI5tCi", true)]}),
	])) == 0
}
