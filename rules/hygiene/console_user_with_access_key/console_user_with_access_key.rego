# METADATA
# title: User with both console access and an active access key
# description: >-
#   An inventory user can sign in to the console (console: true) and also
#   has an active access key: one identity serves a person and a program.
#   Alibaba Cloud recommends separate RAM users for people and for
#   programs; the CIS AWS benchmark advises against access keys for users
#   with a console password. The finding is at the user and
#   names the keys.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/openapi/identity-management
#   - ref: https://alibabacloud.com/help/en/resource-access-management/latest/use-ram-to-maintain-security-of-your-alibaba-cloud-resources
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
# custom:
#   id: HYG014
#   name: console-user-with-access-key
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A person's user carries the permissions of their job, usually more
#     than any one script needs, and a key skips the MFA that protects the
#     console. The key ends up in scripts and configuration files that
#     outlive the person's role, and when they leave, deleting their user
#     breaks a job nobody knew depended on it.
#   remediation: >-
#     Give the program its own user (or, better, a role it assumes) with
#     only the permissions it needs, move it to that identity, and delete
#     the key from the person's user.
package rampart.rules.hygiene.console_user_with_access_key

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	some u in a.users
	u.console
	keys := [k | some k in u.access_keys; k.active]
	count(keys) > 0
	ids := concat(", ", [key_name(k) | some k in keys])
	msg := sprintf("user %s of %s signs in to the console and also has %s %s: keep this user for the person and give the program its own identity", [u.name, name(a), active_keys(keys), ids])
	f := result.with_related(
		result.at_key(result.finding_in(msg, a.file, u.pointer)),
		[result.related_in("active access key", a.file, k.pointer) | some k in keys],
	)
}

active_keys(keys) := "an active access key" if count(keys) == 1

active_keys(keys) := "active access keys" if count(keys) > 1

key_name(k) := k.id if k.id != ""

key_name(k) := "(no id)" if k.id == ""

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
