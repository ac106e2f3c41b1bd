# METADATA
# title: Account does not require MFA at console sign-in
# description: >-
#   An Alibaba Cloud or JD Cloud account has users who sign in to the
#   console, and its security settings do not require MFA for all of them
#   (mfa: {required_for_console: true} in the inventory: RAM's "MFA for
#   RAM User Logons" set to "Enable for All Users", JD Cloud's login MFA
#   enforced for all users). MFA then depends on each user binding a device, and a user
#   created tomorrow signs in with a password alone. console-without-mfa
#   (HYG005) reports the users who have no device today; this rule asks
#   for the setting that covers the next ones, and is off by default. AWS
#   has no such account setting for IAM users.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/ram/getting-started/manage-security-settings-of-ram-users-1
#   - ref: https://www.jdcloud.com/en/products/iam
# custom:
#   id: HYG009
#   name: account-mfa-not-enforced
#   severity: warning
#   dialects: [acs, jdcloud]
#   default: "off"
#   rationale: >-
#     Binding an MFA device is a step every new user has to remember and
#     every administrator has to check. One account setting makes it
#     impossible to forget: the first sign-in asks for a device.
#   remediation: >-
#     Require MFA for all users at console sign-in in the account's
#     security settings (RAM console Settings, SetSecurityPreference; JD
#     Cloud IAM security settings) and record mfa: {required_for_console:
#     true} in the inventory.
package rampart.rules.hygiene.account_mfa_not_enforced

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	a.dialect in {"acs", "jdcloud"}
	not a.mfa.required_for_console
	users := [u | some u in a.users; u.console]
	count(users) > 0
	without := sort([u.name | some u in users; not u.mfa])
	msg := sprintf("%s has %d console %s and does not require MFA at console sign-in: %s", [name(a), count(users), plural(count(users)), today(without)])
	f := result.finding_in(msg, a.file, pointer(a))
}

plural(1) := "user"

plural(n) := "users" if n != 1

today(without) := "every one of them has an MFA device today, but the next user created will not need one" if {
	count(without) == 0
} else := sprintf("%s %s no MFA device", [concat(", ", without), has(count(without))])

has(1) := "has"

has(n) := "have" if n != 1

pointer(a) := concat("/", [a.mfa.pointer, "required_for_console"]) if a.mfa

pointer(a) := "/mfa" if not a.mfa

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
