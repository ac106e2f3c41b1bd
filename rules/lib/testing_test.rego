# Builders for rule tests: write a policy as it appears in a file and get the
# normalized input rules see (schema.document), with the pointers the engine
# would give each element. A Go test checks that these builders agree with
# the engine's own normalization on every example document.
package rampart.lib.testing

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
}

# statement normalizes one statement written as in a policy file.
statement(i, s) := object.union_n([
	{
		"index": i,
		"pointer": ptr,
		"sid": object.get(s, "Sid", ""),
		"effect": object.get(s, "Effect", ""),
		"conditions": conditions(ptr, object.get(s, "Condition", {})),
	},
	{field: list(concat("/", [ptr, key]), s[key]) |
		some key, field in list_fields
		s[key]
	},
	{field: principals(concat("/", [ptr, key]), s[key]) |
		some key, field in principal_fields
		s[key]
	},
]) if {
	ptr := sprintf("/Statement/%d", [i])
}

list_fields := {"Action": "action", "NotAction": "not_action", "Resource": "resource", "NotResource": "not_resource"}

principal_fields := {"Principal": "principal", "NotPrincipal": "not_principal"}

# list normalizes a string-or-list element at pointer.
list(pointer, v) := {"pointer": pointer, "values": values(pointer, v)}

values(pointer, v) := [value(pointer, v)] if not is_array(v)

values(pointer, v) := [value(sprintf("%s/%d", [pointer, i]), x) | some i, x in v] if is_array(v)

value(pointer, x) := {"value": x, "pointer": pointer, "kind": "string"} if is_string(x)

value(pointer, x) := {"value": format_int(x, 10), "pointer": pointer, "kind": "number"} if is_number(x)

value(pointer, x) := {"value": sprintf("%v", [x]), "pointer": pointer, "kind": "boolean"} if is_boolean(x)

principals(pointer, p) := {"pointer": pointer, "entries": [
{"type": "", "value": e.value, "pointer": e.pointer} |
	some e in values(pointer, p)
]} if not is_object(p)

principals(pointer, p) := {"pointer": pointer, "entries": [
{"type": type, "value": e.value, "pointer": e.pointer} |
	some type, v in p
	some e in values(concat("/", [pointer, type]), v)
]} if is_object(p)

conditions(pointer, c) := [
{
	"operator": op,
	"qualifier": qualifier(op),
	"base": base(op),
	"if_exists": if_exists(op),
	"key": key,
	"values": values(kp, v),
	"pointer": kp,
	"operator_pointer": opp,
} |
	some op, block in c
	opp := concat("/", [pointer, "Condition", op])
	some key, v in block
	kp := concat("/", [opp, key])
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
