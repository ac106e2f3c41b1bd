# METADATA
# title: Role trusts another party's account without an external ID
# description: >-
#   The trust policy of a role in the inventory admits an account that is
#   not one of the inventory's (by ID, by its root, or through one of its
#   users or roles) and no condition requires sts:ExternalId. An account
#   outside the inventory is another party's: a vendor, a partner, a SaaS
#   that works in your account. Alibaba Cloud's AssumeRole takes an
#   ExternalId too; rampart reads sts:ExternalId in its trust policies the
#   same way. JD Cloud's AssumeRole has no external ID, so the rule does
#   not apply there. Trust policies no inventory role uses are not
#   checked, since their own account is unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#   - ref: https://api.alibabacloud.com/api/Sts/2015-04-01/AssumeRole
# custom:
#   id: TR004
#   name: third-party-trust-without-external-id
#   severity: warning
#   dialects: [acs, aws]
#   rationale: >-
#     A vendor assumes roles in many customers' accounts with the same
#     identity. Without an external ID, any of its customers who learns or
#     guesses your role's name can ask the vendor to work on "their"
#     account with it, and the vendor, which your role trusts, gets in:
#     the confused deputy. The external ID is the secret that ties the
#     vendor's work for you to your role.
#   remediation: >-
#     Ask the vendor for the external ID it issued for your account and add
#     StringEquals sts:ExternalId to the trust statement. If the account is
#     one of yours, add its inventory file so rampart knows it.
package rampart.rules.trust.third_party_trust_without_external_id

import data.rampart.lib.iam
import data.rampart.lib.result

ours := {a.id | some a in input.accounts}

# trust_docs are the trust policies of the repository by file.
trust_docs := {d.file: d |
	some d in input.documents
	d.kind == "trust"
	not d.managed
}

aggregate contains f if {
	some acct in input.accounts
	some role in acct.roles
	d := trust_docs[role.trust.file]
	d.dialect in {"aws", "acs"}
	some s in d.statements
	s.allow
	not external_id(s)
	some p in s.principal.entries
	account := account_of(p)
	not account in ours
	msg := sprintf("%s trusts account %s%s, which is not in the inventory, with no condition on sts:ExternalId: another customer of that party can have it assume the role (the confused deputy)", [concat(" and ", owners[d.file]), account, known(account)])
	f := result.finding_in(msg, d.file, p.pointer)
}

# owners names the inventory roles whose trust policy is the file, by
# file; built once, in one pass over the roles (owner_names), so that a
# finding looks its names up instead of scanning every role.
owners := {file: sort(names) | some file, names in owner_names}

owner_names[file] contains sprintf("role %s of %s", [role.name, name(acct)]) if {
	some acct in input.accounts
	some role in acct.roles
	file := role.trust.file
}

name(acct) := acct.alias if acct.alias != ""

name(acct) := sprintf("account %s", [acct.id]) if acct.alias == ""

known(account) := sprintf(" (%s)", [input.config.known_accounts[account]]) if {
	input.config.known_accounts[account] != ""
} else := ""

# external_id holds when a positive, required condition pins
# sts:ExternalId to a value.
external_id(s) if {
	some c in s.conditions
	c.key_lower == "sts:externalid"
	not c.negated
	not c.if_exists
	c.qualifier != "ForAllValues"
	some v in c.values
	not iam.stars(v.value)
}

# account_of is the account an AWS or RAM principal belongs to: an account
# ID, or the account part of a user, role or root name.
account_of(p) := p.value if {
	lower(p.type) in {"aws", "ram", ""}
	regex.match(`^[0-9]{6,}$`, p.value)
}

account_of(p) := n.account if {
	lower(p.type) in {"aws", "ram", ""}
	n := rampart.parse_name(p.value)
	n != null
	lower(n.service) in {"iam", "ram", "sts"}
	regex.match(`^[0-9]{6,}$`, n.account)
}
