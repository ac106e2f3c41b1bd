# METADATA
# title: Role trusts an account rampart does not know
# description: >-
#   A trust policy names an account (by ID, by its root, or through one
#   of its users or roles) that is neither an account of the inventory
#   nor listed under known_accounts in rampart.yaml. The finding names the
#   role whose trust policy it is when the inventory says.
# custom:
#   id: TR003
#   name: unknown-account-trust
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Trusting an account hands part of your security to whoever controls
#     it. An account nobody wrote down may be a partner's, a former
#     vendor's, or a typo that belongs to a stranger; a compromise there
#     becomes a compromise here. Keeping trusted accounts in
#     known_accounts makes every new one a reviewed change.
#   remediation: >-
#     If the account is trusted on purpose, add it to known_accounts in
#     rampart.yaml with a word on who it is ("111122223333": "vendor CI").
#     Otherwise remove it from the trust policy.
package rampart.rules.trust.unknown_account_trust

import data.rampart.lib.result

known := {a.id | some a in input.accounts} | {id | some id, _ in input.config.known_accounts}

aggregate contains f if {
	some d in input.documents
	d.kind == "trust"
	not d.managed
	some s in d.statements
	s.allow
	some p in s.principal.entries
	account := account_of(p)
	not account in known
	f := result.finding_in(message(d, account), d.file, p.pointer)
}

# account_of is the account an AWS, RAM or JDCLOUD principal belongs to:
# an account ID, or the account part of a user, role or root name.
account_of(p) := p.value if {
	lower(p.type) in {"aws", "ram", "jdcloud", ""}
	regex.match(`^[0-9]{6,}$`, p.value)
}

account_of(p) := n.account if {
	lower(p.type) in {"aws", "ram", "jdcloud", ""}
	n := rampart.parse_name(p.value)
	n != null
	lower(n.service) in {"iam", "ram", "sts"}
	regex.match(`^[0-9]{6,}$`, n.account)
}

message(d, account) := sprintf("%s trusts account %s, which is neither in the inventory nor in known_accounts of rampart.yaml", [concat(" and ", roles), account]) if {
	roles := sort([sprintf("role %s of %s", [role.name, name(acct)]) |
		some acct in input.accounts
		some role in acct.roles
		role.trust.file == d.file
	])
	count(roles) > 0
} else := sprintf("this trust policy trusts account %s, which is neither in the inventory nor in known_accounts of rampart.yaml", [account])

name(acct) := acct.alias if acct.alias != ""

name(acct) := sprintf("account %s", [acct.id]) if acct.alias == ""
