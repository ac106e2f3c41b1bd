# METADATA
# title: Statement repeats another statement of the policy
# description: >-
#   Two statements of one policy say the same thing: the same effect,
#   actions, resources, principals and conditions, once the order of list
#   entries, the case of action names and the Sid are set aside. The
#   later adds nothing; the finding points at it and names the copy
#   before it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
# custom:
#   id: RED001
#   name: duplicate-statement
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Duplicates come from pasting a statement into a policy that already
#     has it. The next change to one of them (narrowing a resource,
#     adding a condition) then changes nothing, because the other still
#     grants the old access, and the reviewer who approved the narrowing
#     believes it took effect.
#   remediation: >-
#     Delete one of the two statements.
package rampart.rules.redundancy.duplicate_statement

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	count(input.statements) > 1
	sorted := sort([[n, i] | some i, n in norms])
	some p in numbers.range(1, count(sorted) - 1)
	sorted[p][0] == sorted[p - 1][0]
	s := input.statements[sorted[p][1]]
	first := input.statements[sorted[p - 1][1]]
	msg := sprintf("%s repeats %s (the same effect, actions, resources, principals and conditions, up to order and case): a change to one of them leaves the other granting as before; delete one", [iam.label(s), iam.label(first)])
	f := result.with_related(result.finding(msg, s.pointer), [result.related(sprintf("%s is here", [iam.label(first)]), first.pointer)])
}

# norms holds each statement in a form where equal means the same
# statement.
norms := [norm(s) | some s in input.statements] if count(input.statements) > 1

# norm is a statement without its Sid, pointers and order: action names
# in lower case, lists as sets.
norm(s) := {
	"effect": lower(s.effect),
	"action": actions(s, "action"),
	"not_action": actions(s, "not_action"),
	"resource": values(s, "resource"),
	"not_resource": values(s, "not_resource"),
	"principal": principals(s, "principal"),
	"not_principal": principals(s, "not_principal"),
	"conditions": {[lower(c.operator), c.key_lower, {v.value | some v in c.values}] | some c in s.conditions},
}

actions(s, field) := {lower(v.value) | some v in s[field].values} if s[field]

actions(s, field) := null if not s[field]

values(s, field) := {v.value | some v in s[field].values} if s[field]

values(s, field) := null if not s[field]

principals(s, field) := {[e.type, e.value] | some e in s[field].entries} if s[field]

principals(s, field) := null if not s[field]
