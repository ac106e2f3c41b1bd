# METADATA
# title: Role trusts every principal of another party's account
# description: >-
#   The trust policy of a role in the inventory names the whole of an
#   account outside the inventory (arn:aws:iam::ACCOUNT:root or the bare
#   ID, acs:ram::UID:root, jrn:iam::ACCOUNT:root) and no condition narrows
#   which of its principals may come in (aws:PrincipalArn,
#   aws:PrincipalTag/…, aws:userid, sts:SourceIdentity). Every user and role
#   that account's administrators allow sts:AssumeRole can then assume the
#   role, and the inventory does not show who they are. With an
#   sts:ExternalId condition, the usual way to trust a vendor, the finding
#   is a note. The root of the role's own account, or of another account
#   of the inventory, is not reported: who there may assume the role is
#   written in the inventory, where rampart's other rules and the
#   simulator see it. Trust policies no inventory role uses are not
#   checked.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
#   - ref: https://github.com/bridgecrewio/checkov/issues/7209
#   - ref: https://help.aliyun.com/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role
#   - ref: https://docs.jdcloud.com/en/iam/role
# custom:
#   id: TR005
#   name: account-root-trust
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Trusting an account's root delegates the decision to that account:
#     its administrators, and anyone who can change its policies, choose
#     who becomes your role, today and after every reorganisation there.
#     When the account is another party's, you cannot review that choice.
#     Naming the party's role (or pinning aws:PrincipalArn) keeps the
#     decision in your trust policy.
#   remediation: >-
#     Name the principal of the other account that needs the role
#     (arn:aws:iam::ACCOUNT:role/NAME, acs:ram::UID:role/NAME,
#     jrn:iam::ACCOUNT:user/NAME) instead of its root, or keep the root and
#     add ArnEquals aws:PrincipalArn with that principal. If the account is
#     one of yours, add its inventory file.
package rampart.rules.trust.account_root_trust

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
	some s in d.statements
	s.allow
	not narrowed(s)
	some p in s.principal.entries
	account := root_of(p)
	not account in ours
	f := finding(d, s, p, owners[d.file], account)
}

finding(d, s, p, roles, account) := result.softer(result.finding_in(msg, d.file, p.pointer), "info") if {
	external_id(s)
	msg := sprintf("%s trusts every principal of account %s that its administrators allow to assume roles, given the external ID; name the principal the party uses if it publishes one", [concat(" and ", roles), account])
} else := result.finding_in(msg, d.file, p.pointer) if {
	msg := sprintf("%s trusts every principal of account %s, which is not in the inventory: whoever that account allows to assume roles can become this role; name the principal instead of %s", [concat(" and ", roles), account, p.value])
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

# root_of is the account a principal names as a whole: its root, or a bare
# account ID.
root_of(p) := p.value if {
	lower(p.type) in {"aws", "ram", "jdcloud", ""}
	regex.match(`^[0-9]{6,}$`, p.value)
}

root_of(p) := n.account if {
	lower(p.type) in {"aws", "ram", "jdcloud", ""}
	endswith(p.value, ":root")
	n := rampart.parse_name(p.value)
	n != null
	regex.match(`^[0-9]{6,}$`, n.account)
}

# narrowing_keys say which principal of the trusted account the caller is
# (lower case); aws:principaltag/… too.
narrowing_keys := {"aws:principalarn", "aws:userid", "aws:username", "sts:sourceidentity", "acs:principalarn"}

narrowed(s) if {
	some c in s.conditions
	narrowing(c)
	not c.negated
	not c.if_exists
	c.qualifier != "ForAllValues"
	some v in c.values
	not iam.stars(v.value)
}

narrowing(c) if c.key_lower in narrowing_keys

narrowing(c) if startswith(c.key_lower, "aws:principaltag/")

external_id(s) if {
	some c in s.conditions
	c.key_lower == "sts:externalid"
	not c.negated
	not c.if_exists
	some v in c.values
	not iam.stars(v.value)
}
