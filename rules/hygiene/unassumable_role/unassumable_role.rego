# METADATA
# title: Role that nobody the repository knows can assume
# description: >-
#   An inventory role's trust policy lets nobody in: it has no Allow
#   statement for an assume action, or every principal it names is known
#   to the inventory and cannot assume the role. A user or role the
#   inventory of its account does not have cannot (it was deleted or
#   renamed); an account of the inventory, named by its ID or its root,
#   can only through a user or role of it whose policies (its own or its
#   groups') allow sts:AssumeRole on the role, and so can a named user or
#   role of another account. In AWS a user or role of the role's own
#   account named directly needs no such policy. Services, identity
#   providers, wildcards and accounts the inventory does not describe
#   count as able to assume the role; unknown-account-trust (TR003)
#   judges the last. Policies the inventory names but rampart does not
#   have count as allowing it; conditions are not evaluated.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
#   - ref: https://docs.jdcloud.com/en/iam/role
# custom:
#   id: HYG013
#   name: unassumable-role
#   severity: info
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A role nobody can assume is left over from a revoked partnership, a
#     deleted user or a renamed team. It does nothing until someone edits
#     its trust policy or grants sts:AssumeRole, and then its permissions,
#     often broad ones from the time it was used, come back in a change
#     that looks small.
#   remediation: >-
#     Delete the role (detach its policies first) and remove it from the
#     inventory. If it is still meant to be used, name in its trust policy
#     who should assume it and grant them sts:AssumeRole on it.
package rampart.rules.hygiene.unassumable_role

import data.rampart.lib.iam
import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	a.dialect in {"acs", "jdcloud", "aws"}
	some r in a.roles
	d := docs[r.trust.file]
	not open(d)
	stmts := [s | some s in d.statements; s.allow; assume_statement(s)]
	not assumable(a, r, stmts)
	f := finding(a, r, d, stmts)
}

docs := {d.file: d | some d in input.documents}

finding(a, r, d, stmts) := result.at_key(result.finding_in(msg, a.file, r.pointer)) if {
	count(stmts) == 0
	msg := sprintf("role %s of %s can be assumed by nobody: its trust policy has no Allow statement for an assume action", [r.name, name(a)])
} else := result.with_related(result.at_key(result.finding_in(msg, a.file, r.pointer)), related) if {
	entries := [p | some s in stmts; some p in s.principal.entries]
	reasons := [reason(p) | some p in entries]
	msg := sprintf("role %s of %s can be assumed by nobody this repository knows: its trust policy names %s", [r.name, name(a), concat("; ", reasons)])
	related := [result.related_in("cannot assume the role", d.file, p.pointer) | some p in entries]
}

# open holds for a trust policy this rule does not judge: an Allow with
# NotPrincipal.
open(d) if {
	some s in d.statements
	s.allow
	s.not_principal
}

assume_actions := ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithOIDC"]

assume_statement(s) if {
	some v in s.action.values
	some n in assume_actions
	iam.action_matches(v.value, n)
}

assume_statement(s) if s.not_action

assumable(a, r, stmts) if {
	some s in stmts
	some p in s.principal.entries
	can_assume(a, r, p)
}

# can_assume holds when the principal entry may stand for someone able to
# assume the role.
can_assume(_, _, p) if p.wildcard

can_assume(_, _, p) if lower(p.type) in {"service", "federated", "canonicaluser"}

can_assume(_, _, p) if not target(p)

can_assume(_, _, p) if {
	t := target(p)
	not account_of(t.account)
}

can_assume(_, _, p) if target(p).kind == "other"

can_assume(a, r, p) if {
	t := target(p)
	t.kind == "root"
	ia := account_of(t.account)
	some_identity_allowed(ia, role_name(a, r))
}

can_assume(a, r, p) if {
	t := target(p)
	t.kind == "user"
	ia := account_of(t.account)
	some u in ia.users
	lower(u.name) == lower(t.name)
	direct_or_allowed(a, ia, user_refs(ia, u), role_name(a, r))
}

can_assume(a, r, p) if {
	t := target(p)
	t.kind == "role"
	ia := account_of(t.account)
	some other in ia.roles
	lower(other.name) == lower(t.name)
	direct_or_allowed(a, ia, other.policies, role_name(a, r))
}

# direct_or_allowed: an AWS principal of the role's own account named in
# the trust policy needs no identity policy; others do.
direct_or_allowed(a, ia, _, _) if {
	a.dialect == "aws"
	ia.id == a.id
}

direct_or_allowed(_, _, refs, name) if allowed(refs, name)

some_identity_allowed(ia, name) if {
	some u in ia.users
	allowed(user_refs(ia, u), name)
}

some_identity_allowed(ia, name) if {
	some other in ia.roles
	allowed(other.policies, name)
}

# user_refs are the policies a user holds: its own and its groups'.
user_refs(ia, u) := array.concat(u.policies, [ref |
	some n in u.groups
	some g in ia.groups
	g.name == n.name
	some ref in g.policies
])

# allowed holds when one of the policies may allow sts:AssumeRole on the
# role's name; a policy rampart does not have counts as allowing it.
allowed(refs, _) if {
	some ref in refs
	not ref.file
}

allowed(refs, _) if {
	some ref in refs
	file := ref.file
	not docs[file]
}

allowed(refs, name) if {
	some ref in refs
	some s in docs[ref.file].statements
	s.allow
	grants_assume(s)
	covers(s, name)
}

grants_assume(s) if {
	some v in s.action.values
	iam.action_matches(v.value, "sts:AssumeRole")
}

grants_assume(s) if {
	s.not_action
	not excludes(s.not_action.values, "sts:AssumeRole")
}

covers(s, name) if {
	some v in s.resource.values
	rampart.glob(v.value, name, true)
}

covers(s, name) if {
	s.not_resource
	not excludes_resource(s.not_resource.values, name)
}

excludes(values, action) if {
	some v in values
	iam.action_matches(v.value, action)
}

excludes_resource(values, name) if {
	some v in values
	rampart.glob(v.value, name, true)
}

# role_name is the role's name as a resource of sts:AssumeRole.
role_name(a, r) := sprintf("acs:ram::%s:role/%s", [a.id, r.name]) if a.dialect == "acs"

role_name(a, r) := sprintf("jrn:iam::%s:role/%s", [a.id, r.name]) if a.dialect == "jdcloud"

role_name(a, r) := sprintf("arn:aws:iam::%s:role/%s", [a.id, r.name]) if a.dialect == "aws"

# target reads a principal that names an account or an entity of one:
# {account, kind (root, user, role or other), name}.
target(p) := {"account": p.value, "kind": "root", "name": ""} if {
	regex.match(`^[0-9]{6,}$`, p.value)
} else := t if {
	n := rampart.parse_name(p.value)
	n != null
	lower(n.service) in {"iam", "ram", "sts"}
	n.account != ""
	t := entity(n)
}

entity(n) := {"account": n.account, "kind": "root", "name": ""} if {
	n.resource == "root"
} else := {"account": n.account, "kind": kind, "name": parts[count(parts) - 1]} if {
	parts := split(n.resource, "/")
	kind := lower(parts[0])
	kind in {"user", "role"}
	count(parts) > 1
} else := {"account": n.account, "kind": "other", "name": n.resource}

account_of(id) := ia if {
	some ia in input.accounts
	ia.id == id
}

# reason says why a principal entry cannot assume the role; it is only
# asked of entries can_assume rejects, which name an inventory account.
reason(p) := sprintf("account %s, where no user or role may call sts:AssumeRole on it", [name(account_of(target(p).account))]) if {
	target(p).kind == "root"
} else := sprintf("%s %s of %s, which the inventory does not have", [t.kind, t.name, name(ia)]) if {
	t := target(p)
	ia := account_of(t.account)
	not has_entity(ia, t)
} else := sprintf("%s %s of %s, which may not call sts:AssumeRole on it", [t.kind, t.name, name(account_of(t.account))]) if {
	t := target(p)
}

has_entity(ia, t) if {
	t.kind == "user"
	some u in ia.users
	lower(u.name) == lower(t.name)
}

has_entity(ia, t) if {
	t.kind == "role"
	some r in ia.roles
	lower(r.name) == lower(t.name)
}

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
