# METADATA
# title: Principal can become an administrator in a few steps
# description: >-
#   rampart builds a graph over the workspace: every user and role of the
#   inventory, the policies attached to it or to its groups (files and
#   system policies), and what those policies let it do to reach another
#   principal or more permissions:
#
#   * assume a role whose trust policy admits it, by name or through its
#     account (in RAM and JD Cloud, and for a trust that names only the
#     account in AWS, the caller's own policy must also allow
#     sts:AssumeRole on the role; in AWS a trust policy of the same account
#     that names the caller is enough);
#   * attach or put a policy on itself or on its group
#     (iam:AttachUserPolicy, ram:AttachPolicyToUser, iam:attachSubUserPolicy …);
#   * write a new version of a policy attached to it
#     (iam:CreatePolicyVersion, ram:CreatePolicyVersion, iam:updatePolicy);
#   * add itself to a group whose policies are an administrator's
#     (iam:AddUserToGroup, ram:AddUserToGroup, iam:addSubUserToGroup);
#   * rewrite a role's trust policy and then assume the role
#     (iam:UpdateAssumeRolePolicy, ram:UpdateRole, iam:updateAssumeRolePolicy);
#   * mint credentials for another user (iam:CreateAccessKey,
#     iam:CreateLoginProfile, ram:CreateAccessKey,
#     iam:createSubUserAccessKey …) and act as that user;
#   * pass a role to new compute (iam:PassRole or ram:PassRole with
#     ec2:RunInstances, lambda:CreateFunction, ecs:RunInstances,
#     fc:CreateFunction, ros:CreateStack …) when the role trusts that
#     compute service.
#
#   A principal is an administrator when a policy of its own or of its
#   groups allows every action on every resource (as LP001 reports), the
#   whole permissions service (iam:*, ram:*) on every resource, or every
#   action but a few that leave that service open. For every other
#   principal that reaches one in at most six steps, the rule reports the
#   shortest path, spelled out, at the principal's inventory entry, with
#   the statements it uses as related places. A step whose statement needs
#   MFA or a source network still counts, and the message says so; a step
#   whose resource condition (a resource tag, iam:PolicyARN,
#   iam:PassedToService, ram:ServiceName, aws:PrincipalArn in a trust)
#   excludes the target, a Deny without conditions in the principal's
#   policies, and a permissions boundary that does not allow the step,
#   keep it out.
#   Control policies (SCPs, Resource Directory) are not read.
# related_resources:
#   - ref: https://github.com/nccgroup/PMapper
#   - ref: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
#   - ref: https://www.alibabacloud.com/help/en/ram/user-guide/policy-overview
#   - ref: https://docs.jdcloud.com/en/iam/role
# custom:
#   id: PE012
#   name: escalation-path
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Each policy reviewed on its own looks harmless: a deployer may attach
#     policies, CI may assume a role, the role may pass another one to an
#     instance. Put together they let an intern or a build job become an
#     administrator of the account, and no single document shows it. The
#     path is what an attacker with the first credentials walks.
#   remediation: >-
#     Break the path at its weakest step: scope the grant it uses to the
#     resources it is meant for (name the roles, policies and groups rather
#     than *), narrow the trust policy to the principals that need it, or
#     add a condition (iam:PolicyARN, iam:PassedToService, a permissions
#     boundary) that rules the escalation out. Administrators should be
#     few and named, not reachable.
package rampart.rules.privilege_escalation.escalation_path

import data.rampart.lib.iam
import data.rampart.lib.result

# --- the actions that make edges, per dialect -------------------------------

# steps lists, per dialect, the actions rampart follows: [action, kind,
# the compute service a compute action runs a role as].
steps := {
	"aws": [
		["sts:AssumeRole", "assume", ""],
		["iam:AttachUserPolicy", "attach_user", ""],
		["iam:PutUserPolicy", "attach_user", ""],
		["iam:AttachGroupPolicy", "attach_group", ""],
		["iam:PutGroupPolicy", "attach_group", ""],
		["iam:AttachRolePolicy", "attach_role", ""],
		["iam:PutRolePolicy", "attach_role", ""],
		["iam:CreatePolicyVersion", "version", ""],
		["iam:AddUserToGroup", "join", ""],
		["iam:UpdateAssumeRolePolicy", "trust", ""],
		["iam:PassRole", "pass", ""],
		["iam:CreateAccessKey", "mint", ""],
		["iam:CreateLoginProfile", "mint", ""],
		["iam:UpdateLoginProfile", "mint", ""],
		["ec2:RunInstances", "compute", "ec2.amazonaws.com"],
		["lambda:CreateFunction", "compute", "lambda.amazonaws.com"],
		["cloudformation:CreateStack", "compute", "cloudformation.amazonaws.com"],
		["glue:CreateDevEndpoint", "compute", "glue.amazonaws.com"],
		["ecs:RunTask", "compute", "ecs-tasks.amazonaws.com"],
		["codebuild:CreateProject", "compute", "codebuild.amazonaws.com"],
	],
	"acs": [
		["sts:AssumeRole", "assume", ""],
		["ram:AttachPolicyToUser", "attach_user", ""],
		["ram:AttachPolicyToGroup", "attach_group", ""],
		["ram:AttachPolicyToRole", "attach_role", ""],
		["ram:CreatePolicyVersion", "version", ""],
		["ram:AddUserToGroup", "join", ""],
		["ram:UpdateRole", "trust", ""],
		["ram:PassRole", "pass", ""],
		["ram:CreateAccessKey", "mint", ""],
		["ram:CreateLoginProfile", "mint", ""],
		["ram:UpdateLoginProfile", "mint", ""],
		["ecs:RunInstances", "compute", "ecs.aliyuncs.com"],
		["ecs:CreateInstance", "compute", "ecs.aliyuncs.com"],
		["ecs:AttachInstanceRamRole", "compute", "ecs.aliyuncs.com"],
		["fc:CreateFunction", "compute", "fc.aliyuncs.com"],
		["fc:CreateService", "compute", "fc.aliyuncs.com"],
		["ros:CreateStack", "compute", "ros.aliyuncs.com"],
		["oos:StartExecution", "compute", "oos.aliyuncs.com"],
	],
	"jdcloud": [
		["sts:assumeRole", "assume", ""],
		["iam:attachSubUserPolicy", "attach_user", ""],
		["iam:addPermissionsToSubUser", "attach_user", ""],
		["iam:attachGroupPolicy", "attach_group", ""],
		["iam:attachRolePolicy", "attach_role", ""],
		["iam:updatePolicy", "version", ""],
		["iam:addSubUserToGroup", "join", ""],
		["iam:updateAssumeRolePolicy", "trust", ""],
		["iam:createSubUserAccessKey", "mint", ""],
	],
}

# by_service indexes steps by dialect and lower-cased service.
by_service := {d: {svc: [t | some t in ts; lower(split(t[0], ":")[0]) == svc] |
	some t0 in ts
	svc := lower(split(t0[0], ":")[0])
} |
	some d, ts in steps
}

# admin_policy is the system policy an escalation attaches, per dialect.
admin_policy := {"aws": "AdministratorAccess", "acs": "AdministratorAccess", "jdcloud": "JDCloudAdmin"}

admin_policy_arn := {
	"aws": "arn:aws:iam::aws:policy/AdministratorAccess",
	"acs": "acs:ram::system:policy/AdministratorAccess",
	"jdcloud": "jrn:iam::system:policy/JDCloudAdmin",
}

# perm_service is the dialect's permissions service.
perm_service := {"aws": "iam", "acs": "ram", "jdcloud": "iam"}

principal_types := {"AWS", "RAM", "JDCLOUD"}

# --- documents ---------------------------------------------------------------

docs := {d.file: d | some d in input.documents}

# caps are, per identity document, what its Allow statements grant of the
# steps: {kind, name (the step's action), target, i (statement index),
# value (the action as written)}. Computed once per document, however many
# principals hold it.
caps := {d.file: [c |
	some s in d.statements
	s.allow
	some c in statement_caps(d.dialect, s)
] |
	some d in input.documents
	d.kind == "identity"
}

statement_caps(dialect, s) := {{"kind": t[1], "name": t[0], "target": t[2], "i": s.index, "value": a.value} |
	some a in s.action.values
	some t in candidates(dialect, a)
	rampart.glob(a.value, t[0], true)
} if {
	s.action
} else := {{"kind": t[1], "name": t[0], "target": t[2], "i": s.index, "value": sprintf("every action but %s", [concat(", ", [v.value | some v in s.not_action.values])])} |
	some t in steps[dialect]
	every v in s.not_action.values {
		not rampart.glob(v.value, t[0], true)
	}
} if {
	s.not_action
} else := set()

# candidates are the steps an action pattern may grant: those of its
# service, or every step for a wildcard service.
candidates(dialect, a) := steps[dialect] if {
	a.all
} else := steps[dialect] if {
	not contains(a.value, ":")
	iam.wildcard(a.value)
} else := steps[dialect] if {
	iam.wildcard(a.service)
} else := object.get(by_service, [dialect, a.service], [])

# admin_docs says, per identity document, how it makes its holder an
# administrator: its first such statement.
admin_docs := {d.file: r |
	some d in input.documents
	d.kind == "identity"
	rs := [[s.index, what] | some s in d.statements; what := admin_statement(d.dialect, s)]
	count(rs) > 0
	first := min(rs)
	s := d.statements[first[0]]
	r := {"what": first[1], "i": first[0], "notes": notes(s, {})}
}

admin_statement(dialect, s) := "every action on every resource" if {
	s.allow
	some a in s.action.values
	a.all
	every_resource(s)
} else := sprintf("%s on every resource", [a.value]) if {
	s.allow
	some a in s.action.values
	a.service == perm_service[dialect]
	iam.stars(a.name)
	every_resource(s)
} else := sprintf("every action but %s on every resource", [concat(", ", [v.value | some v in s.not_action.values])]) if {
	s.allow
	s.not_action
	every_resource(s)
	every v in s.not_action.values {
		every t in steps[dialect] {
			not attaches(t, v.value)
		}
	}
}

attaches(t, pattern) if {
	t[1] in {"attach_user", "attach_group", "attach_role"}
	rampart.glob(pattern, t[0], true)
}

every_resource(s) if {
	some r in s.resource.values
	r.all
}

# deny_all holds for a document that denies every action on every
# resource without conditions.
deny_all(d) if {
	some s in d.statements
	s.deny
	count(s.conditions) == 0
	some a in s.action.values
	a.all
	every_resource(s)
}

# label names a policy reference: a system policy by name, a file by its
# base name.
label(ref) := ref.text if ref.managed

label(ref) := sprintf("policy %s", [stem(ref.text)]) if not ref.managed

stem(path) := s if {
	parts := split(path, "/")
	base := parts[count(parts) - 1]
	s := trim_suffix(trim_suffix(trim_suffix(base, ".json"), ".yaml"), ".yml")
}

name_of(ref) := ref.text if ref.managed

name_of(ref) := stem(ref.text) if not ref.managed

# --- principals ----------------------------------------------------------------

dialect_of(acct) := acct.dialect if acct.dialect != ""

dialect_of(acct) := input.config.dialect if acct.dialect == ""

account_name(acct) := acct.alias if acct.alias != ""

account_name(acct) := sprintf("account %s", [acct.id]) if acct.alias == ""

prefix := {"aws": "arn:aws:iam::", "acs": "acs:ram::", "jdcloud": "jrn:iam::"}

arn(dialect, id, kind, name) := concat("", [prefix[dialect], id, ":", kind, "/", name])

# own_names are the names a policy's Resource may use for a principal.
own_names(n) := [n.arn, arn(n.dialect, n.id, "subUser", n.name)] if {
	n.dialect == "jdcloud"
	n.kind == "user"
} else := [n.arn]

key(acct, kind, name) := concat("|", [acct.file, kind, name])

groups_by := {acct.file: {g.name: g | some g in acct.groups} | some acct in input.accounts}

# nodes are the users and roles of the inventory, by key, with the
# policies that apply to them ({ref, via: the group or ""}).
nodes := object.union(users, roles)

users := {key(acct, "user", u.name): node |
	some acct in input.accounts
	d := dialect_of(acct)
	d in {"aws", "acs", "jdcloud"}
	some u in acct.users
	refs := array.concat(
		[{"ref": r, "via": ""} | some r in u.policies],
		[{"ref": r, "via": g.name} | some g in u.groups; some r in groups_by[acct.file][g.name].policies],
	)
	node := principal(acct, d, "user", u.name, u.pointer, refs, object.get(u, "boundary", null), {g.name | some g in u.groups}, u.tags)
}

roles := {key(acct, "role", r.name): node |
	some acct in input.accounts
	d := dialect_of(acct)
	d in {"aws", "acs", "jdcloud"}
	some r in acct.roles
	refs := [{"ref": p, "via": ""} | some p in r.policies]
	node := principal(acct, d, "role", r.name, r.pointer, refs, object.get(r, "boundary", null), set(), r.tags)
}

principal(acct, d, kind, name, pointer, refs, boundary, groups, tags) := {
	"kind": kind, "name": name, "pointer": pointer, "file": acct.file, "account": account_name(acct),
	"id": acct.id, "dialect": d, "arn": arn(d, acct.id, kind, name), "refs": refs,
	"boundary": boundary, "groups": groups, "tags": tags,
	"caps": held,
	"by_kind": {c.kind: [i | some i, x in held; x.kind == c.kind] | some c in held},
	"denies": [[x.ref.file, s.index] |
		some x in refs
		some s in docs[x.ref.file].statements
		s.deny
	],
} if {
	held := [object.union(c, {"file": x.ref.file, "ref": x.ref, "via": x.via}) |
		some x in refs
		some c in caps[x.ref.file]
	]
}

# bounded holds for a principal whose permissions boundary is not an
# administrator's (or cannot be read).
bounded(n) if {
	n.boundary != null
	not admin_docs[n.boundary.file]
}

# admins are the administrator principals, with what makes them one.
admins := {k: min(rs) |
	some k, n in nodes
	not bounded(n)
	not denied(n)
	rs := [[x.via, label(x.ref), a.what, a.notes, x.ref.file, a.i] |
		some x in n.refs
		a := admin_docs[x.ref.file]
	]
	count(rs) > 0
}

denied(n) if {
	some x in n.refs
	deny_all(docs[x.ref.file])
}

# admin_groups are, per account file, the groups whose own policies are an
# administrator's.
admin_groups := {acct.file: {g.name: min(rs) |
	some g in acct.groups
	rs := [label(r) | some r in g.policies; admin_docs[r.file]]
	count(rs) > 0
} |
	some acct in input.accounts
}

roles_of := {acct.file: {key(acct, "role", r.name) | some r in acct.roles} | some acct in input.accounts}

# role_services are, per role, the services (lower case) its trust policy
# admits.
role_services := {key(acct, "role", r.name): svcs |
	some acct in input.accounts
	some r in acct.roles
	t := docs[r.trust.file]
	svcs := {lower(e.value) |
		some s in t.statements
		s.allow
		trust_action(t.dialect, s)
		some e in s.principal.entries
		e.type == "Service"
	}
	count(svcs) > 0
}

# --- statements and conditions ----------------------------------------------------

stmt(c) := docs[c.file].statements[c.i]

# resource_text is the Resource value of s that covers name, as written.
resource_text(s, name) := r.value if {
	some r in s.resource.values
	rampart.glob(r.value, name, false)
} else := sprintf("every resource but %s", [concat(", ", [r.value | some r in s.not_resource.values])]) if {
	s.not_resource
	every r in s.not_resource.values {
		not rampart.glob(r.value, name, false)
	}
}

# excluded holds when a condition of s that rampart can evaluate for the
# target (its tags, the policy attached, the service a role is passed to,
# the caller of a trust policy) rules the target out.
excluded(s, ctx) if {
	some c in s.conditions
	excludes(c, ctx)
}

excludes(c, ctx) if {
	evaluable(c, ctx)
	object.get(ctx, c.key_lower, null) == null
	not c.negated
	not c.if_exists
}

excludes(c, ctx) if {
	evaluable(c, ctx)
	v := ctx[c.key_lower]
	not c.negated
	not condition_matches(c, v)
}

excludes(c, ctx) if {
	evaluable(c, ctx)
	v := ctx[c.key_lower]
	c.negated
	condition_matches(c, v)
}

# evaluable holds for a condition on a key the target context describes,
# with a string or name operator.
evaluable(c, ctx) if {
	some p in object.get(ctx, "*keys", [])
	startswith(c.key_lower, p)
	string_operator(c.base_lower)
}

string_operator(b) if startswith(b, "string")

string_operator(b) if startswith(b, "arn")

condition_matches(c, v) if {
	contains(c.base_lower, "like")
	some x in c.values
	rampart.glob(x.value, v, contains(c.base_lower, "ignorecase"))
}

condition_matches(c, v) if {
	not contains(c.base_lower, "like")
	some x in c.values
	lower(x.value) == lower(v)
}

# context is what rampart knows of a target for a step's conditions.
context(n, extra) := object.union(
	object.union(
		{concat("", [p, ":resourcetag/", lower(k)]): v | some k, v in n.tags; some p in ["aws", "acs", "jdcloud", "iam"]},
		{"*keys": array.concat(["aws:resourcetag/", "acs:resourcetag/", "jdcloud:resourcetag/", "iam:resourcetag/"], [k | some k, _ in extra])},
	),
	extra,
)

# notes describes the conditions of s that are left standing: MFA, the
# network, or others, by key.
notes(s, ctx) := sort({note(c) | some c in s.conditions; not evaluable(c, ctx)})

note(c) := sprintf("MFA (%s)", [c.key]) if {
	iam.mfa_key(c)
} else := sprintf("source network (%s)", [c.key]) if {
	some k in ["sourceip", "sourcevpc", "sourcevpce", "vpcsourceip"]
	endswith(c.key_lower, concat("", [":", k]))
} else := c.key

# blocked holds when an unconditioned Deny of the principal's policies
# covers the action on name, or its boundary does not allow it.
blocked(n, action, name) if {
	some [file, i] in n.denies
	s := docs[file].statements[i]
	count(s.conditions) == 0
	some a in s.action.values
	rampart.glob(a.value, action, true)
	some r in s.resource.values
	rampart.glob(r.value, name, false)
}

blocked(n, action, name) if {
	n.boundary != null
	not boundary_allows(n.boundary, action, name)
}

boundary_allows(ref, action, name) if {
	some s in docs[ref.file].statements
	s.allow
	some a in s.action.values
	rampart.glob(a.value, action, true)
	some r in s.resource.values
	rampart.glob(r.value, name, false)
}

# grant describes a capability as used: "policy X allows A on R", with the
# conditions left standing.
grant(c, res, ctx) := sprintf("%s allows %s on %s%s", [label(c.ref), c.value, res, notes_text(notes(stmt(c), ctx))])

notes_text(ns) := "" if count(ns) == 0

notes_text(ns) := sprintf(" (only under conditions: %s)", [concat(", ", ns)]) if count(ns) > 0

# --- edges -----------------------------------------------------------------------

# An edge is {from, to, notes, rank, how}: to is a principal's key or
# "*admin" (the principal has made itself an administrator); notes counts
# the conditions left standing, rank puts a trust that names the caller
# first, and how is what describe needs to spell the step out. Edges stay
# small: the text is written only for the steps of the paths reported.
edge(from, to, notes, rank, how) := {"from": from, "to": to, "notes": notes, "rank": rank, "how": how}

# kind_caps are the indexes in n.caps of the capabilities of a kind.
kind_caps(n, kind) := object.get(n.by_kind, kind, [])

# standing counts the conditions of s left standing for the target t
# (with extra context): the context is only built for a statement with
# conditions.
standing(s, _, _) := 0 if count(s.conditions) == 0

standing(s, t, extra) := count(notes(s, context(t, extra))) if count(s.conditions) > 0

# open holds when no condition of s rules the target out.
open(s, _, _) if count(s.conditions) == 0

open(s, t, extra) if {
	count(s.conditions) > 0
	not excluded(s, context(t, extra))
}

# free holds when neither a Deny nor a boundary stops the step.
free(n, _, _) if {
	count(n.denies) == 0
	n.boundary == null
}

free(n, action, name) if {
	not count(n.denies) == 0
	not blocked(n, action, name)
}

free(n, action, name) if {
	count(n.denies) == 0
	n.boundary != null
	not blocked(n, action, name)
}

ctx_admin(n, d) := context(n, admin_extra(d))

admin_extra(d) := {"iam:policyarn": admin_policy_arn[d]}

# (a) assuming a role its trust policy admits.

# trust_entries are the trust policies' Allow entries for accounts and
# principals, by key: "aws|acct:1111", "aws|arn:aws:iam::1111:user/bob",
# "aws|*".
trust_entries contains [k, t] if {
	some acct in input.accounts
	d := dialect_of(acct)
	some r in acct.roles
	td := docs[r.trust.file]
	some s in td.statements
	s.allow
	trust_action(d, s)
	some e in s.principal.entries
	trusted_entry(e)
	k := concat("|", [d, principal_key(e)])
	t := {
		"key": k, "role": key(acct, "role", r.name), "file": td.file, "i": s.index, "entry": e.value, "pointer": e.pointer, "exact": exact(e),
		"plain": count(s.conditions) == 0, "denies": count([x | some x in td.statements; x.deny]) > 0,
	}
}

trusted_entry(e) if e.type in principal_types

trusted_entry(e) if {
	e.type == ""
	e.all
}

trust_action(_, s) if {
	some a in s.action.values
	rampart.glob(a.value, "sts:AssumeRole", true)
}

principal_key(e) := "*" if e.all

principal_key(e) := concat(":", ["acct", e.value]) if {
	not e.all
	regex.match(`^[0-9]+$`, e.value)
}

principal_key(e) := concat(":", ["acct", parts[count(parts) - 2]]) if {
	not e.all
	not regex.match(`^[0-9]+$`, e.value)
	endswith(lower(e.value), ":root")
	parts := split(e.value, ":")
	count(parts) > 4
}

principal_key(e) := lower(e.value) if {
	not e.all
	not regex.match(`^[0-9]+$`, e.value)
	not endswith(lower(e.value), ":root")
}

default exact(_) := false

exact(e) if not account_key(e)

account_key(e) if e.all

account_key(e) if startswith(principal_key(e), "acct:")

admitting(n) := [concat("|", [n.dialect, lower(n.arn)]), concat("|", [n.dialect, concat(":", ["acct", n.id])]), concat("|", [n.dialect, "*"])]

who(t, n) := sprintf("%s %s", [n.kind, n.name]) if t.exact

who(t, n) := sprintf("account %s", [n.id]) if {
	not t.exact
	t.entry != "*"
}

who(t, _) := "every principal" if t.entry == "*"

# trust_ok holds when the trust statement's conditions on the caller do not
# rule it out and no Deny of the trust policy names it.
trust_ok(t, _) if {
	t.plain
	not t.denies
}

trust_ok(t, n) if {
	not trust_plain(t)
	s := docs[t.file].statements[t.i]
	not excluded(s, caller_ctx(n))
	not trust_denies(t.file, n)
}

trust_plain(t) if {
	t.plain
	not t.denies
}

caller_ctx(n) := {"*keys": ["aws:principalarn", "acs:principalarn", "jdcloud:principalarn"], "aws:principalarn": n.arn, "acs:principalarn": n.arn, "jdcloud:principalarn": n.arn}

trust_denies(file, n) if {
	some s in docs[file].statements
	s.deny
	count(s.conditions) == 0
	some e in s.principal.entries
	concat("|", [n.dialect, principal_key(e)]) in admitting(n)
}

trust_notes(t, _) := 0 if t.plain

trust_notes(t, n) := count(notes(docs[t.file].statements[t.i], caller_ctx(n))) if not t.plain

# principals_by_key are the principals by the keys a trust entry may
# name them with (see admitting).
principals_by_key := {key: ks | some key, ks in principal_key_sets}

principal_key_sets[key] contains k if {
	some k, n in nodes
	not admins[k]
	some key in admitting(n)
}

# trust_by_role are the trust entries of each role.
trust_by_role := {r: ts | some r, ts in trust_role_sets}

trust_role_sets[t.role] contains t if {
	some [_, t] in trust_entries
}

# assume_into are the edges of principals that may assume role v: with
# their own grant of sts:AssumeRole on it, or without one where a trust
# policy of the same account names them (AWS).
assume_into(v, seen) := grant_into(v, seen) | direct_into(v, seen)

grant_into(v, seen) := {edge(k, v, standing(s, r, {}) + trust_notes(t, n), 1, {"k": "assume", "c": ci, "t": t}) |
	r := nodes[v]
	some t in trust_by_role[v]
	some k in principals_by_key[t.key]
	not k in seen
	n := nodes[k]
	some ci in object.get(n.by_kind, "assume", [])
	trust_ok(t, n)
	c := n.caps[ci]
	s := stmt(c)
	resource_text(s, r.arn)
	open(s, r, {})
	free(n, c.name, r.arn)
}

direct_into(v, seen) := {edge(k, v, trust_notes(t, n), 0, {"k": "direct", "t": t}) |
	r := nodes[v]
	r.dialect == "aws"
	some t in trust_by_role[v]
	t.exact
	some k in principals_by_key[t.key]
	not k in seen
	n := nodes[k]
	n.file == r.file
	trust_ok(t, n)
	free(n, "sts:AssumeRole", r.arn)
}

# (b) making itself an administrator.

# attaching a policy to itself.
self_edges contains edge(k, "*admin", standing(s, n, admin_extra(n.dialect)), 1, {"k": "attach", "c": ci, "name": name}) if {
	some k, n in nodes
	not admins[k]
	not bounded(n)
	some ci in kind_caps(n, concat("_", ["attach", n.kind]))
	c := n.caps[ci]
	s := stmt(c)
	some name in own_names(n)
	resource_text(s, name)
	open(s, n, admin_extra(n.dialect))
	free(n, c.name, name)
}

# attaching a policy to its group.
self_edges contains edge(k, "*admin", standing(s, n, admin_extra(n.dialect)), 1, {"k": "attach_group", "c": ci, "group": g}) if {
	some k, n in nodes
	n.kind == "user"
	not admins[k]
	not bounded(n)
	some ci in kind_caps(n, "attach_group")
	c := n.caps[ci]
	s := stmt(c)
	some g in n.groups
	name := arn(n.dialect, n.id, "group", g)
	resource_text(s, name)
	open(s, n, admin_extra(n.dialect))
	free(n, c.name, name)
}

# writing a new version of a policy attached to it.
self_edges contains edge(k, "*admin", standing(s, n, {}), 1, {"k": "version", "c": ci, "x": xi}) if {
	some k, n in nodes
	not admins[k]
	not bounded(n)
	some ci in kind_caps(n, "version")
	c := n.caps[ci]
	s := stmt(c)
	some xi, x in n.refs
	not x.ref.managed
	x.ref.file
	name := arn(n.dialect, n.id, "policy", name_of(x.ref))
	resource_text(s, name)
	open(s, n, {})
	free(n, c.name, name)
}

holder(x) := "itself" if x.via == ""

holder(x) := sprintf("its group %s", [x.via]) if x.via != ""

# adding itself to an administrators' group.
self_edges contains edge(k, "*admin", standing(s, n, {}), 1, {"k": "join", "c": ci, "group": g}) if {
	some k, n in nodes
	n.kind == "user"
	not admins[k]
	not bounded(n)
	some ci in kind_caps(n, "join")
	c := n.caps[ci]
	s := stmt(c)
	some g, _ in admin_groups[n.file]
	not g in n.groups
	name := arn(n.dialect, n.id, "group", g)
	resource_text(s, name)
	open(s, n, {})
	free(n, c.name, name)
}

# holders are, by account file and capability kind, the principals that
# have the capability.
holders := {fk: ks | some fk, ks in holder_sets}

holder_sets[concat("|", [n.file, c.kind])] contains k if {
	some k, n in nodes
	not admins[k]
	some c in n.caps
	c.kind in {"trust", "pass", "mint"}
}

# rewriting a role's trust policy, then assuming the role.
rewrite_into(v, seen) := {edge(k, v, standing(s, r, {}), 1, {"k": "trust", "c": ci}) |
	r := nodes[v]
	some k in object.get(holders, concat("|", [r.file, "trust"]), set())
	not k in seen
	n := nodes[k]
	some ci in kind_caps(n, "trust")
	c := n.caps[ci]
	s := stmt(c)
	resource_text(s, r.arn)
	open(s, r, {})
	free(n, c.name, r.arn)
	may_assume(n, r)
}

# may_assume: in AWS a trust policy naming the caller is enough; in RAM and
# JD Cloud the caller's policies must allow sts:AssumeRole on the role.
may_assume(n, _) if n.dialect == "aws"

may_assume(n, r) if {
	n.dialect != "aws"
	some ci in kind_caps(n, "assume")
	c := n.caps[ci]
	resource_text(stmt(c), r.arn)
	free(n, c.name, r.arn)
}

# passing a role to new compute that the role trusts.
pass_into(v, seen) := {edge(k, v, standing(s, r, pass_extra(c)), 1, {"k": "pass", "c": pi, "compute": ci}) |
	r := nodes[v]
	services := object.get(role_services, v, set())
	count(services) > 0
	some k in object.get(holders, concat("|", [r.file, "pass"]), set())
	not k in seen
	n := nodes[k]
	some ci in kind_caps(n, "compute")
	c := n.caps[ci]
	c.target in services
	some pi in kind_caps(n, "pass")
	p := n.caps[pi]
	s := stmt(p)
	resource_text(s, r.arn)
	open(s, r, pass_extra(c))
	free(n, p.name, r.arn)
}

# minting credentials for another user: an access key or a console
# password.
mint_into(v, seen) := {edge(k, v, standing(s, u, {}), 1, {"k": "mint", "c": ci, "name": name}) |
	u := nodes[v]
	u.kind == "user"
	some k in object.get(holders, concat("|", [u.file, "mint"]), set())
	not k in seen
	k != v
	n := nodes[k]
	some ci in kind_caps(n, "mint")
	c := n.caps[ci]
	s := stmt(c)
	some name in own_names(u)
	resource_text(s, name)
	open(s, u, {})
	free(n, c.name, name)
}

pass_extra(c) := {"iam:passedtoservice": c.target, "ram:servicename": c.target, "acs:service": c.target}

# pred are the edges into v from principals not in seen.
pred(v, _) := self_edges if v == "*admin"

pred(v, seen) := ((assume_into(v, seen) | rewrite_into(v, seen)) | pass_into(v, seen)) | mint_into(v, seen) if v != "*admin"

# --- describing a step ---------------------------------------------------------------

# describe spells out the step an edge takes from n: {text, via, related}
# where related lists [file, pointer, managed, what].
describe(e, n) := {"text": text, "via": "", "related": [[t.file, t.pointer, false, "the trust policy admits it"]]} if {
	e.how.k == "direct"
	t := e.how.t
	r := nodes[e.to]
	text := sprintf("sts:AssumeRole %s (trust admits %s)%s", [r.name, who(t, n), notes_text(trust_note_list(t, n))])
}

describe(e, n) := {"text": text, "via": c.via, "related": [grant_place(c, "the grant"), [t.file, t.pointer, false, "the trust policy admits it"]]} if {
	e.how.k == "assume"
	c := n.caps[e.how.c]
	t := e.how.t
	r := nodes[e.to]
	s := stmt(c)
	ns := sort(array.concat(notes(s, context(r, {})), trust_note_list(t, n)))
	text := sprintf("%s %s%s (%s allows %s on %s; trust admits %s)%s", [c.name, r.name, across(n, r), label(c.ref), c.value, resource_text(s, r.arn), who(t, n), notes_text(ns)])
}

describe(e, n) := {"text": text, "via": c.via, "related": [grant_place(c, "the grant")]} if {
	e.how.k == "attach"
	c := n.caps[e.how.c]
	ctx := ctx_admin(n, n.dialect)
	text := sprintf("%s → attaches %s to itself", [grant(c, resource_text(stmt(c), e.how.name), ctx), admin_policy[n.dialect]])
}

describe(e, n) := {"text": text, "via": c.via, "related": [grant_place(c, "the grant")]} if {
	e.how.k == "attach_group"
	c := n.caps[e.how.c]
	ctx := ctx_admin(n, n.dialect)
	g := e.how.group
	text := sprintf("%s → attaches %s to its group %s", [grant(c, resource_text(stmt(c), arn(n.dialect, n.id, "group", g)), ctx), admin_policy[n.dialect], g])
}

describe(e, n) := {"text": text, "via": c.via, "related": [grant_place(c, "the grant")]} if {
	e.how.k == "version"
	c := n.caps[e.how.c]
	x := n.refs[e.how.x]
	name := arn(n.dialect, n.id, "policy", name_of(x.ref))
	text := sprintf("%s → rewrites %s, attached to %s, to allow everything", [grant(c, resource_text(stmt(c), name), context(n, {})), label(x.ref), holder(x)])
}

describe(e, n) := {"text": text, "via": c.via, "related": [grant_place(c, "the grant")]} if {
	e.how.k == "join"
	c := n.caps[e.how.c]
	g := e.how.group
	name := arn(n.dialect, n.id, "group", g)
	text := sprintf("%s → adds itself to group %s, which has %s", [grant(c, resource_text(stmt(c), name), context(n, {})), g, admin_groups[n.file][g]])
}

describe(e, n) := {"text": text, "via": c.via, "related": array.concat([grant_place(c, "the grant")], [grant_place(a, "the grant to assume the role") | some a in assumed])} if {
	e.how.k == "trust"
	c := n.caps[e.how.c]
	r := nodes[e.to]
	assumed := assume_grant(n, r)
	text := sprintf("%s → rewrites the trust policy of role %s to admit itself, then assumes it%s", [grant(c, resource_text(stmt(c), r.arn), context(r, {})), r.name, assume_text(assumed, r)])
}

# assume_grant is the first capability of n to assume r, where the
# dialect needs one after a trust rewrite (RAM, JD Cloud): a list of one,
# or empty.
assume_grant(n, _) := [] if n.dialect == "aws"

assume_grant(n, r) := [n.caps[min(cs)]] if {
	n.dialect != "aws"
	cs := [i |
		some i in kind_caps(n, "assume")
		resource_text(stmt(n.caps[i]), r.arn)
	]
	count(cs) > 0
}

assume_text(assumed, _) := "" if count(assumed) == 0

assume_text(assumed, r) := sprintf(", which %s allows on %s", [label(a.ref), resource_text(stmt(a), r.arn)]) if {
	count(assumed) > 0
	a := assumed[0]
}

describe(e, n) := {"text": text, "via": p.via, "related": [grant_place(p, "the grant to pass the role"), grant_place(c, "the grant to create compute")]} if {
	e.how.k == "pass"
	p := n.caps[e.how.c]
	c := n.caps[e.how.compute]
	r := nodes[e.to]
	ctx := context(r, pass_extra(c))
	text := sprintf("%s and %s → runs new %s compute as role %s", [grant(p, resource_text(stmt(p), r.arn), ctx), c.value, c.target, r.name])
}

describe(e, n) := {"text": text, "via": c.via, "related": [grant_place(c, "the grant")]} if {
	e.how.k == "mint"
	c := n.caps[e.how.c]
	u := nodes[e.to]
	text := sprintf("%s → mints credentials for user %s%s", [grant(c, resource_text(stmt(c), e.how.name), context(u, {})), u.name, across(n, u)])
}

grant_place(c, what) := [c.file, stmt(c).pointer, c.ref.managed, what]

trust_note_list(t, _) := [] if t.plain

trust_note_list(t, n) := notes(docs[t.file].statements[t.i], caller_ctx(n)) if not t.plain

across(n, r) := "" if n.file == r.file

across(n, r) := sprintf(" of %s", [r.account]) if n.file != r.file

# --- shortest paths -----------------------------------------------------------------

# Breadth-first from the administrators backwards, six steps at most. Only
# the edges into principals already known to reach an administrator are
# built: edges_into(frontier, seen) are those from principals not yet seen.
edges_into(frontier, seen) := {e | some v in frontier; some e in pred(v, seen); not e.from in seen}

level0 := {"*admin"} | {k | some k, _ in admins}

seen0 := level0

edges1 := edges_into(level0, seen0)

level1 := {e.from | some e in edges1}

seen1 := seen0 | level1

edges2 := edges_into(level1, seen1)

level2 := {e.from | some e in edges2}

seen2 := seen1 | level2

edges3 := edges_into(level2, seen2)

level3 := {e.from | some e in edges3}

seen3 := seen2 | level3

edges4 := edges_into(level3, seen3)

level4 := {e.from | some e in edges4}

seen4 := seen3 | level4

edges5 := edges_into(level4, seen4)

level5 := {e.from | some e in edges5}

seen5 := seen4 | level5

edges6 := edges_into(level5, seen5)

# first gives each principal the first of its edges: fewest conditions,
# a trust that names the caller before a grant of its own, then by target
# and capability. Sorting once keeps it linear in the edges.
first(es) := {x[0]: x[4] |
	sorted := sort([[e.from, e.notes, e.rank, e.to, e] | some e in es])
	some i, x in sorted
	starts_run(sorted, i)
}

starts_run(_, 0)

starts_run(sorted, i) if {
	i > 0
	sorted[i - 1][0] != sorted[i][0]
}

next1 := first(edges1)

next2 := first(edges2)

next3 := first(edges3)

next4 := first(edges4)

next5 := first(edges5)

next6 := first(edges6)

paths1 := {n: [e] | some n, e in next1}

paths2 := {n: array.concat([e], paths1[e.to]) | some n, e in next2}

paths3 := {n: array.concat([e], paths2[e.to]) | some n, e in next3}

paths4 := {n: array.concat([e], paths3[e.to]) | some n, e in next4}

paths5 := {n: array.concat([e], paths4[e.to]) | some n, e in next5}

paths6 := {n: array.concat([e], paths5[e.to]) | some n, e in next6}

paths := object.union_n([paths1, paths2, paths3, paths4, paths5, paths6])

# --- findings --------------------------------------------------------------------------

aggregate contains f if {
	some k, p in paths
	n := nodes[k]
	steps_of := [describe(e, nodes[e.from]) | some e in p]
	last := p[count(p) - 1].to
	parts := array.concat(array.concat([start(n, steps_of[0])], [d.text | some d in steps_of]), end(last))
	msg := concat(" → ", parts)
	related := [result.related_in(sprintf("step %d: %s", [i + 1, what]), file, ptr) |
		some i, d in steps_of
		some [file, ptr, managed, what] in d.related
		not managed
	]
	f := result.with_related(result.at_key(result.finding_in(msg, n.file, n.pointer)), array.concat(related, end_related(last)))
}

start(n, e) := sprintf("%s %s of %s", [n.kind, n.name, n.account]) if e.via == ""

start(n, e) := sprintf("%s %s of %s (group %s)", [n.kind, n.name, n.account, e.via]) if e.via != ""

end(last) := [] if last == "*admin"

end(last) := [sprintf("%s%s allows %s%s", [a[1], through(a[0]), a[2], notes_text(a[3])])] if {
	a := admins[last]
}

through(via) := "" if via == ""

through(via) := sprintf(" (through group %s)", [via]) if via != ""

end_related(last) := [] if last == "*admin"

end_related(last) := [] if {
	a := admins[last]
	startswith(a[4], "managed:")
}

end_related(last) := [result.related_in("the administrator's grant", a[4], docs[a[4]].statements[a[5]].pointer)] if {
	a := admins[last]
	not startswith(a[4], "managed:")
}
