# METADATA
# title: JD Cloud element name not in its canonical case
# description: >-
#   A JD Cloud policy writes an element name in another case than the
#   canonical one ("statement", "action", "RESOURCE", "condition"). JD
#   Cloud's own pages disagree (prose snippets write lower case, full
#   examples capitals) and JD reads names in any case, so rampart accepts
#   them; this is a style warning. The rule sees Statement, Action,
#   Resource, Principal and Condition; the case of Version, Effect and
#   Sid, and a Version written as the number 3, are not in the rule
#   input yet.
# related_resources:
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
# custom:
#   id: SCH015
#   name: jdcloud-element-case
#   severity: warning
#   dialects: [jdcloud]
#   rationale: >-
#     Lower-case element names are a sign of a policy typed from JD's
#     prose rather than copied from an example. Other tools (and the
#     other two clouds) read element names exactly: a script that looks
#     for "Action" misses "action", and a reviewer comparing two policies
#     sees differences that are not there.
#   remediation: >-
#     Write the element names as JD Cloud's examples do: Version,
#     Statement, Sid, Effect, Action, Resource, Principal, Condition; and
#     Version as the string "3".
package rampart.rules.schema.jdcloud_element_case

import data.rampart.lib.result

canonical := {
	"statement": "Statement", "action": "Action", "resource": "Resource",
	"principal": "Principal", "condition": "Condition",
}

# The Statement key, once per document.
deny contains f if {
	s := input.statements[0]
	key := split(s.pointer, "/")[1]
	f := finding(concat("", ["/", key]), key)
}

# Action, Resource and Principal.
deny contains f if {
	some s in input.statements
	some field in ["action", "resource", "principal"]
	pointer := s[field].pointer
	key := substring(pointer, count(s.pointer) + 1, -1)
	f := finding(pointer, key)
}

# Condition, through the pointer of each operator block.
deny contains f if {
	some s in input.statements
	some c in s.conditions
	key := split(substring(c.operator_pointer, count(s.pointer) + 1, -1), "/")[0]
	f := finding(concat("/", [s.pointer, key]), key)
}

finding(pointer, key) := result.at_key(result.finding(msg, pointer)) if {
	want := canonical[lower(key)]
	key != want
	msg := sprintf("the element name %q is not in the canonical case %q: JD Cloud reads either, but its examples, other tools and reviewers expect %q", [key, want, want])
}
