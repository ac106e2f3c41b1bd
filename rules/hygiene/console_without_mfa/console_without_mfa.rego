# METADATA
# title: Console user without MFA
# description: >-
#   An inventory user can sign in to the console (console: true) and has
#   no MFA device (mfa is false or missing), and the account does not
#   require MFA for console sign-in (mfa: {required_for_console: true}).
#   The finding is at the user in the inventory file.
# custom:
#   id: HYG005
#   name: console-without-mfa
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A console password is phished, reused and guessed far more often
#     than an access key is stolen. Without a second factor, a password is
#     all it takes to act as the user, with every permission its groups
#     and policies give it.
#   remediation: >-
#     Bind an MFA device to the user and set mfa: true in the inventory,
#     or require MFA for console sign-in for the whole account (the
#     account's security settings; mfa: {required_for_console: true} in
#     the inventory). If the user does not need the console, set
#     console: false.
package rampart.rules.hygiene.console_without_mfa

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	not a.mfa.required_for_console
	some u in a.users
	u.console
	not u.mfa
	msg := sprintf("user %s of %s can sign in to the console with a password alone: it has no MFA device and the account does not require one", [u.name, name(a)])
	f := result.at_key(result.finding_in(msg, a.file, u.pointer))
}

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
