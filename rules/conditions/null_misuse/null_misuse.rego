# METADATA
# title: Null condition that cannot work
# description: >-
#   The Null operator tests whether a key is present: "true" means absent,
#   "false" means present. It takes no set qualifier and no IfExists
#   (ForAllValues:Null and NullIfExists are not operators, and rampart
#   evaluates them as unknown), and its value must be true or false.
#   Another value cannot be evaluated, and both values together make the
#   test always true. A condition that cannot be evaluated makes an Allow
#   grant nothing; a Deny is treated as applying to every request it
#   names, fail-closed, which is rarely what its author wanted either.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
# custom:
#   id: CND006
#   name: null-misuse
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Null is the one operator about presence, and the guard the other
#     condition rules recommend, so it is copied a lot: with the key's
#     value instead of true or false ("Null": {"aws:SourceVpc":
#     "vpc-1"}), with a qualifier pasted from the neighbouring condition,
#     or with both values from an attempt to allow either case.
#   remediation: >-
#     Write "Null": {"<key>": "false"} to require the key, "true" to
#     require its absence, without qualifier or IfExists; test the key's
#     value with another operator beside it.
package rampart.rules.conditions.null_misuse

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some c in s.conditions
	c.base_lower == "null"
	some problem in problems(c)
	msg := sprintf("%s on %s: %s; %s", [c.operator, c.key, problem, consequence(s, problem)])
	f := result.at_key(result.finding(msg, c.pointer))
}

# problems are what is wrong with a Null condition, in words.
problems(c) := {p |
	some check in ["qualifier", "if_exists", "value", "both"]
	p := problem(check, c)
}

problem("qualifier", c) := sprintf("Null takes no set qualifier (%s)", [c.qualifier]) if c.qualifier != ""

problem("if_exists", c) := "Null takes no IfExists: it is itself the test for presence" if c.if_exists

problem("value", c) := sprintf("%s is not true or false", [concat(", ", bad)]) if {
	bad := [sprintf("%q", [v.value]) | some v in c.values; not lower(v.value) in {"true", "false"}]
	count(bad) > 0
}

problem("both", c) := "true and false together hold for every request" if {
	lows := {lower(v.value) | some v in c.values}
	"true" in lows
	"false" in lows
}

consequence(_, p) := "the condition is always true" if startswith(p, "true and false")

consequence(s, p) := "rampart cannot evaluate it, so this Deny applies to every request it names" if {
	not startswith(p, "true and false")
	s.deny
}

consequence(s, p) := sprintf("it cannot be evaluated, so %s grants nothing", [iam.label(s)]) if {
	not startswith(p, "true and false")
	not s.deny
}
