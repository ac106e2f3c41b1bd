# METADATA
# title: ForAllValues in an Allow without a check that the key is present
# description: >-
#   ForAllValues with a positive operator (StringEquals, StringLike …) is
#   true when every value of the request is in the list, and so also when
#   the request carries no value at all: an absent key and an empty set
#   pass. In an Allow the statement then grants to requests the condition
#   was meant to stop. The finding is an error for keys that say who
#   calls or from where (aws:PrincipalOrgPaths, aws:CalledVia,
#   aws:SourceOrgPaths …), where the request without the key is the
#   outsider's; a warning for other keys (tag keys, service keys). A
#   Null false test on the key, or any other test that fails without it,
#   in the same statement closes the gap. Keys the catalogue knows to be
#   single-valued are left to CND002.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
# custom:
#   id: CND001
#   name: for-all-values-without-null
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     "Every value is one of these" is vacuously true for no values. A
#     bucket policy that admits principals whose organization paths all
#     lie under the company's OU also admits every principal that has no
#     organization path — anyone outside an organization; an Allow for
#     calls made through CloudFormation also allows calls made directly.
#   remediation: >-
#     Add "Null": {"<key>": "false"} to the statement so that the key must
#     be present, or use ForAnyValue when at least one value must match.
package rampart.rules.conditions.for_all_values_without_null

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	some c in s.conditions
	c.qualifier == "ForAllValues"
	not c.negated
	c.base_lower != "null"
	not guarded(s, c.key_lower)
	not single_valued(c.key)
	f := finding(s, c)
}

# identity_keys say who calls, on whose behalf or from where: a request
# without them is the outsider's.
identity_keys := {
	"aws:principalorgpaths", "aws:sourceorgpaths", "aws:resourceorgpaths", "aws:vpceorgpaths",
	"aws:calledvia", "aws:principalservicenameslist",
}

finding(s, c) := result.at_key(result.finding(message(s, c, "anyone whose request has no such key"), c.pointer)) if {
	c.key_lower in identity_keys
}

finding(s, c) := result.softer(result.at_key(result.finding(message(s, c, "requests without it"), c.pointer)), "warning") if {
	not c.key_lower in identity_keys
}

message(s, c, who) := sprintf(
	"%s on %s is also true when the request has no %s, so %s allows %s; add \"Null\": {\"%s\": \"false\"}",
	[c.operator, c.key, c.key, iam.label(s), who, c.key],
)

# guarded holds when another condition of the statement fails when the key
# is absent: Null false, or a test without IfExists that is false then.
guarded(s, key) if {
	some g in s.conditions
	g.key_lower == key
	g.base_lower == "null"
	count(g.values) > 0
	every v in g.values {
		lower(v.value) == "false"
	}
}

guarded(s, key) if {
	some g in s.conditions
	g.key_lower == key
	g.base_lower != "null"
	not g.if_exists
	g.qualifier != "ForAllValues"
	not plain_negated(g)
}

plain_negated(g) if {
	g.qualifier == ""
	g.negated
}

single_valued(key) if {
	k := rampart.key(input.dialect, key)
	k != null
	not k.multi
}
