# METADATA
# title: Account with console users records no password policy
# description: >-
#   An inventory account has users who sign in to the console
#   (console: true) but no password_policy. Either the account runs on the
#   vendor's default policy, which is weak (AWS: 8 characters from three
#   character types, no expiry and no reuse check; Alibaba Cloud RAM:
#   8 characters, no character types, no expiry, no reuse check and no
#   lockout; JD Cloud: 8 characters), or the policy is set outside what
#   this repository reviews. weak-password-policy (HYG006) judges a
#   policy that is recorded.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
#   - ref: https://www.alibabacloud.com/help/en/ram/user-guide/configure-a-password-policy-for-ram-users
# custom:
#   id: HYG015
#   name: no-password-policy
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     The password policy protects every console password of the account
#     at once. When the inventory does not record it, nobody reviews it,
#     and the vendors' defaults let a user keep a short password forever.
#   remediation: >-
#     Set a password policy in the account's security settings (14
#     characters, three character types, expiry after 90 days, reuse
#     check, lockout where the vendor has one) and record it under
#     password_policy in the inventory.
package rampart.rules.hygiene.no_password_policy

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	not a.password_policy
	users := sort([u.name | some u in a.users; u.console])
	count(users) > 0
	msg := sprintf("%s has console users (%s) but records no password_policy: %s", [name(a), concat(", ", users), defaults(a.dialect)])
	f := result.finding_in(msg, a.file, "/password_policy")
}

defaults(d) := "AWS's default policy applies unless one is set elsewhere: 8 characters from three character types, no expiry, no reuse check" if {
	d == "aws"
} else := "RAM's default policy applies unless one is set elsewhere: 8 characters, no required character types, no expiry, no reuse check, no lockout" if {
	d == "acs"
} else := "the vendor's default policy applies unless one is set elsewhere; record the policy to have it reviewed"

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
