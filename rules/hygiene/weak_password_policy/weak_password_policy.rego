# METADATA
# title: Password policy weaker than the vendors recommend
# description: >-
#   An account's password policy (password_policy in the inventory) falls
#   short of the vendors' security recommendations, one finding per
#   setting, at the setting:
#
#   * minimum length below 14 (AWS Config's iam-password-policy default,
#     the CIS benchmarks). Where MFA protects every password sign-in (the
#     account requires MFA at console sign-in, or every console user has
#     an MFA device) the password is one factor of two and 8 is enough,
#     the floor NIST SP 800-63B sets for that case and the vendors'
#     console recommendation;
#   * fewer than three of the four character types required (Alibaba's
#     console recommendation; AWS's default policy asks for three);
#   * passwords that never expire, or expire after more than 90 days
#     (Alibaba Cloud Config and AWS Config defaults);
#   * fewer previous passwords remembered than AWS Config's 24 (aws) or
#     Alibaba Cloud Config's 3 (acs, and jdcloud, whose documentation
#     recommends no number);
#   * for acs and jdcloud, which lock a user out after failed sign-ins,
#     no lockout or more than 5 attempts an hour (Alibaba Cloud Config's
#     ram-password-max-login-attemps-check). AWS has no lockout setting;
#     JD Cloud always locks after 1 to 16 attempts, so a missing value
#     there is not reported.
#
#   A setting the inventory leaves out counts as off (0 or false), as it
#   is in the vendors' API. hard_expiry is not checked: without it an
#   expired password still has to be changed at the next sign-in. The
#   thresholds can be set under rules.options.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/iam-password-policy.html
#   - ref: https://www.alibabacloud.com/help/en/cloud-config/latest/ogpp3c
#   - ref: https://www.alibabacloud.com/help/en/cloud-config/latest/the-maximum-number-of-retries-set-in-the-ram-user
#   - ref: https://www.alibabacloud.com/help/en/ram/user-guide/configure-a-password-policy-for-ram-users
#   - ref: https://pages.nist.gov/800-63-4/sp800-63b.html
# custom:
#   id: HYG006
#   name: weak-password-policy
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   options:
#     min_length:
#       type: number
#       description: Shortest password length to accept where not every password sign-in has MFA (default 14).
#     min_length_with_mfa:
#       type: number
#       description: Shortest password length to accept where MFA protects every password sign-in (default 8).
#     character_types:
#       type: number
#       description: How many of the four character types (lower case, upper case, digits, symbols) the policy must require (default 3).
#     max_age_days:
#       type: number
#       description: Longest password lifetime to accept, in days (default 90).
#     reuse_prevention:
#       type: number
#       description: Fewest previous passwords the policy must remember (default 24 for aws, 3 for acs and jdcloud).
#     max_login_attempts:
#       type: number
#       description: Most failed sign-ins an hour before a lockout, for acs and jdcloud (default 5).
#   rationale: >-
#     The password policy decides how hard a console password is to guess,
#     spray or reuse from another site's breach, for every user of the
#     account at once. Short passwords fall to guessing when nothing else
#     stands behind them; no lockout lets a script try as long as it
#     likes; a password that never expires and may be reused keeps
#     working long after it leaked.
#   remediation: >-
#     Raise the setting in the account's security settings (RAM console
#     Settings, or SetPasswordPolicy; JD Cloud IAM password policy; AWS
#     IAM account settings or UpdateAccountPasswordPolicy) and record it
#     in the inventory. Requiring MFA for every console user lets the
#     length stay at 8 where longer passwords meet resistance.
package rampart.rules.hygiene.weak_password_policy

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	p := a.password_policy
	some f in weaknesses(a, p)
}

# weaknesses are the findings for one account's password policy.
weaknesses(a, p) := {f |
	some check in [length(a, p), types(a, p), age(a, p), reuse(a, p), lockout(a, p)]
	some f in check
}

length(a, p) := {result.finding_in(msg, a.file, concat("/", [p.pointer, "min_length"]))} if {
	mfa_protected(a)
	want := option("min_length_with_mfa", 8)
	p.min_length < want
	msg := sprintf("the password policy of %s accepts %s, fewer than the %d characters even a password backed by MFA should have", [name(a), accepted(p), want])
} else := {result.finding_in(msg, a.file, concat("/", [p.pointer, "min_length"]))} if {
	not mfa_protected(a)
	want := option("min_length", 14)
	p.min_length < want
	msg := sprintf("the password policy of %s accepts %s; %s, so a password alone protects the account and should have at least %d characters", [name(a), accepted(p), why_unprotected(a), want])
} else := set()

accepted(p) := sprintf("passwords of %d characters", [p.min_length]) if p.min_length > 0

accepted(p) := "passwords of any length the vendor allows (min_length is 0 or missing)" if p.min_length <= 0

# mfa_protected holds when every password sign-in also needs MFA: the
# account requires it, or it has console users and every one of them has
# an MFA device.
mfa_protected(a) if a.mfa.required_for_console

mfa_protected(a) if {
	some u in a.users
	u.console
	every v in a.users {
		covered(v)
	}
}

covered(u) if u.mfa

covered(u) if not u.console

why_unprotected(a) := sprintf("user %s signs in to the console without MFA", [u.name]) if {
	not a.mfa.required_for_console
	some u in a.users
	u.console
	not u.mfa
} else := "the account does not require MFA at console sign-in"

type_fields := [
	["require_lowercase", "lower case letters"],
	["require_uppercase", "upper case letters"],
	["require_numbers", "digits"],
	["require_symbols", "symbols"],
]

types(a, p) := {result.finding_in(msg, a.file, concat("/", [p.pointer, missing[0][0]]))} if {
	missing := [t | some t in type_fields; not p[t[0]]]
	want := option("character_types", 3)
	4 - count(missing) < want
	msg := sprintf("the password policy of %s requires %d of the four character types (not %s); require at least %d", [name(a), 4 - count(missing), concat(", ", [t[1] | some t in missing]), want])
} else := set()

age(a, p) := {result.finding_in(msg, a.file, concat("/", [p.pointer, "max_age_days"]))} if {
	p.max_age_days <= 0
	msg := sprintf("the password policy of %s lets passwords live forever (max_age_days is 0 or missing); let them expire after %d days at most", [name(a), option("max_age_days", 90)])
} else := {result.finding_in(msg, a.file, concat("/", [p.pointer, "max_age_days"]))} if {
	want := option("max_age_days", 90)
	p.max_age_days > want
	msg := sprintf("the password policy of %s lets passwords live %d days; let them expire after %d days at most", [name(a), p.max_age_days, want])
} else := set()

reuse(a, p) := {result.finding_in(msg, a.file, concat("/", [p.pointer, "reuse_prevention"]))} if {
	p.reuse_prevention <= 0
	msg := sprintf("the password policy of %s lets users reuse their previous passwords (reuse_prevention is 0 or missing); remember at least the last %d", [name(a), reuse_wanted(a)])
} else := {result.finding_in(msg, a.file, concat("/", [p.pointer, "reuse_prevention"]))} if {
	want := reuse_wanted(a)
	p.reuse_prevention < want
	msg := sprintf("the password policy of %s remembers only the last %d passwords; remember at least the last %d", [name(a), p.reuse_prevention, want])
} else := set()

reuse_wanted(a) := option("reuse_prevention", 24) if a.dialect == "aws"

reuse_wanted(a) := option("reuse_prevention", 3) if a.dialect != "aws"

lockout(a, p) := {result.finding_in(msg, a.file, concat("/", [p.pointer, "max_login_attempts"]))} if {
	a.dialect == "acs"
	p.max_login_attempts <= 0
	msg := sprintf("the password policy of %s never locks a user out after failed sign-ins (max_login_attempts is 0 or missing); lock after %d attempts an hour at most", [name(a), option("max_login_attempts", 5)])
} else := {result.finding_in(msg, a.file, concat("/", [p.pointer, "max_login_attempts"]))} if {
	a.dialect in {"acs", "jdcloud"}
	want := option("max_login_attempts", 5)
	p.max_login_attempts > want
	msg := sprintf("the password policy of %s allows %d failed sign-ins an hour before it locks the user out; lock after %d at most", [name(a), p.max_login_attempts, want])
} else := set()

# option is the value of one of the rule's options, or its default.
option(key, fallback) := v if {
	v := data.rampart.options.HYG006[key]
} else := fallback

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
