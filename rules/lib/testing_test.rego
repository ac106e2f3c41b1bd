# Builders for rule tests: write a policy as it appears in a file and get the
# normalized input rules see (schema.document), with the pointers the engine
# would give each element. A Go test checks that these builders agree with
# the engine's own normalization on every example document.
package rampart.lib.testing

import data.rampart.lib.iam

versions := {"acs": "1", "jdcloud": "3", "aws": "2012-10-17"}

# policy is the input for a document of a dialect and kind whose Statement
# list is statements (objects written as in a policy file).
policy(dialect, kind, statements) := {
	"file": "test.json",
	"dialect": dialect,
	"kind": kind,
	"version": versions[dialect],
	"id": "",
	"managed": false,
	"name": "",
	"statements": [statement(i, s) | some i, s in statements],
	"compact_length": count(json.marshal({"Version": versions[dialect], "Statement": statements})),
}

# statement normalizes one statement written as in a policy file.
statement(i, s) := object.union_n([
	{
		"index": i,
		"pointer": ptr,
		"sid": object.get(s, "Sid", ""),
		"effect": effect,
		"allow": lower(effect) == "allow",
		"deny": lower(effect) == "deny",
		"conditions": conditions(ptr, object.get(s, "Condition", {})),
	},
	{field: list(concat("/", [ptr, key]), s[key], field) |
		some key, field in list_fields
		s[key]
	},
	{field: principals(concat("/", [ptr, key]), s[key]) |
		some key, field in principal_fields
		s[key]
	},
]) if {
	ptr := sprintf("/Statement/%d", [i])
	effect := object.get(s, "Effect", "")
}

list_fields := {"Action": "action", "NotAction": "not_action", "Resource": "resource", "NotResource": "not_resource"}

principal_fields := {"Principal": "principal", "NotPrincipal": "not_principal"}

# list normalizes a string-or-list element at pointer; field says which
# (action, not_action, resource, not_resource, or "" for condition values).
list(pointer, v, field) := {"pointer": pointer, "values": values(pointer, v, field)}

values(pointer, v, field) := [value(pointer, v, field)] if not is_array(v)

values(pointer, v, field) := [value(sprintf("%s/%d", [pointer, i]), x, field) | some i, x in v] if is_array(v)

value(pointer, x, field) := object.union(
	{"value": text, "pointer": pointer, "kind": kind(x), "wildcard": wild(text), "all": all(text, field)},
	action_parts(text, field),
) if text := scalar(x)

scalar(x) := x if is_string(x)

scalar(x) := format_int(x, 10) if is_number(x)

scalar(x) := sprintf("%v", [x]) if is_boolean(x)

kind(x) := "string" if is_string(x)

kind(x) := "number" if is_number(x)

kind(x) := "boolean" if is_boolean(x)

default wild(_) := false

wild(v) if iam.wildcard(v)

default all(_, _) := false

all(v, field) if {
	field in {"action", "not_action"}
	iam.every_action(v)
}

all(v, field) if {
	field in {"resource", "not_resource"}
	iam.every_resource(v)
}

all(v, field) if {
	not field in {"action", "not_action", "resource", "not_resource"}
	iam.stars(v)
}

default negated(_) := false

negated(base) if iam.negated(base)

action_parts(_, field) := {} if not field in {"action", "not_action"}

action_parts(v, field) := {"service": lower(substring(v, 0, indexof(v, ":"))), "name": substring(v, indexof(v, ":") + 1, -1)} if {
	field in {"action", "not_action"}
	contains(v, ":")
}

action_parts(v, field) := {"service": "", "name": v} if {
	field in {"action", "not_action"}
	not contains(v, ":")
}

principals(pointer, p) := {"pointer": pointer, "entries": [
object.union(object.remove(e, ["kind"]), {"type": ""}) |
	some e in values(pointer, p, "principal")
]} if not is_object(p)

principals(pointer, p) := {"pointer": pointer, "entries": [
object.union(object.remove(e, ["kind"]), {"type": type}) |
	some type, v in p
	some e in values(concat("/", [pointer, type]), v, "principal")
]} if is_object(p)

conditions(pointer, c) := [
{
	"operator": op,
	"qualifier": qualifier(op),
	"base": base(op),
	"base_lower": lower(base(op)),
	"negated": negated(base(op)),
	"if_exists": if_exists(op),
	"key": key,
	"key_lower": lower(key),
	"values": values(kp, v, ""),
	"pointer": kp,
	"operator_pointer": opp,
} |
	some op, block in c
	opp := concat("/", [pointer, "Condition", escape(op)])
	some key, v in block
	kp := concat("/", [opp, escape(key)])
]

qualifier(op) := "ForAnyValue" if {
	startswith(lower(op), "foranyvalue:")
} else := "ForAllValues" if {
	startswith(lower(op), "forallvalues:")
} else := ""

unqualified(op) := substring(op, indexof(op, ":") + 1, -1) if qualifier(op) != ""

unqualified(op) := op if qualifier(op) == ""

default if_exists(_) := false

if_exists(op) if endswith(lower(op), "ifexists")

base(op) := substring(u, 0, count(u) - 8) if {
	u := unqualified(op)
	if_exists(op)
}

base(op) := unqualified(op) if not if_exists(op)

# workspace is the input of an aggregate rule with the given documents
# (built with policy, with file set), accounts and known accounts.
workspace(documents, accounts, known) := {
	"documents": documents,
	"accounts": accounts,
	"config": {"file": "", "dialect": "", "known_accounts": known},
}

# account is an inventory account with the given fields set; the others
# have their empty value.
account(fields) := object.union(
	{
		"file": "iam/accounts/a.yaml", "id": "", "alias": "", "dialect": "",
		"users": [], "groups": [], "roles": [], "resources": [],
		"control_policies": [], "resource_control_policies": [], "access_key_max_age_days": 0,
	},
	fields,
)

# user is an inventory user with the given fields set.
user(name, fields) := object.union(
	{
		"name": name, "pointer": concat("/", ["/users", name]), "groups": [], "policies": [],
		"console": false, "mfa": false, "tags": {}, "access_keys": [],
	},
	fields,
)

# escape writes a key as a JSON pointer segment: ~ as ~0, / as ~1.
escape(key) := replace(replace(key, "~", "~0"), "/", "~1")

