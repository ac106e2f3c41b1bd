# The rules of rampart's lint/bench comparison, written for conftest over
# the raw policy files: LP001 full-admin, LP002 service-wildcard, LP003
# allow-not-action, LP004 allow-not-resource, PE009 assume-any-role and
# SCH009 duplicate-sid, as far as they can be without rampart's normalized
# input and catalogue (no wildcard expansion, no conditions, no
# positions). bench.sh times rampart with the same six rules against it.
package main

import rego.v1

statements := input.Statement if is_array(input.Statement)

statements := [input.Statement] if is_object(input.Statement)

as_list(x) := x if is_array(x)

as_list(x) := [x] if is_string(x)

allows(s) if lower(s.Effect) == "allow"

every_resource(s) if {
	some r in as_list(s.Resource)
	r in {"*", "acs:*:*:*:*", "jrn:*:*:*:*", "arn:aws:*:*:*:*", "arn:*:*:*:*:*"}
}

deny contains msg if {
	some i, s in statements
	allows(s)
	some a in as_list(s.Action)
	a in {"*", "*:*"}
	every_resource(s)
	msg := sprintf("LP001: statement %d allows every action on every resource", [i])
}

deny contains msg if {
	some i, s in statements
	allows(s)
	some a in as_list(s.Action)
	endswith(a, ":*")
	a != "*:*"
	msg := sprintf("LP002: statement %d allows %s", [i, a])
}

deny contains msg if {
	some i, s in statements
	allows(s)
	s.NotAction
	msg := sprintf("LP003: statement %d allows with NotAction", [i])
}

deny contains msg if {
	some i, s in statements
	allows(s)
	s.NotResource
	msg := sprintf("LP004: statement %d allows with NotResource", [i])
}

deny contains msg if {
	some i, s in statements
	allows(s)
	some a in as_list(s.Action)
	lower(a) in {"sts:assumerole", "sts:*", "sts:assume*"}
	some r in as_list(s.Resource)
	regex.match(`^(\*|(acs:ram|arn:aws:iam|jrn:iam):[^:]*:[^:]*:(\*|[0-9]*):role/\*)$`, r)
	msg := sprintf("PE009: statement %d allows %s on %s", [i, a, r])
}

deny contains msg if {
	some i, s in statements
	some j, t in statements
	i < j
	s.Sid
	s.Sid == t.Sid
	msg := sprintf("SCH009: statements %d and %d have the same Sid %q", [i, j, s.Sid])
}
