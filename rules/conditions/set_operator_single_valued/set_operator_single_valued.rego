# METADATA
# title: Set operator on a single-valued key
# description: >-
#   ForAllValues and ForAnyValue are for keys whose request value is a set
#   (aws:TagKeys, aws:PrincipalOrgPaths …). On a key that carries one
#   value, such as a source IP, a VPC or a principal's ARN (the catalogue
#   says which), ForAnyValue works like the operator alone, and
#   ForAllValues too, except that it is also true when the key is absent.
#   An Allow with ForAllValues and a positive operator therefore grants to
#   every request without the key (an error: a VPC restriction that lets
#   in every call from the internet); a Deny with it blocks every such
#   request (a warning). Otherwise the qualifier only misleads (info).
#   ForAnyValue with a negated operator is CND003's.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
# custom:
#   id: CND002
#   name: set-operator-single-valued
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     AWS warns against set operators on single-valued keys because the
#     empty set passes ForAllValues: "ForAllValues:StringEquals
#     aws:SourceVpc vpc-1" reads as "only from vpc-1" and means "from
#     vpc-1, or from anywhere outside a VPC". Copying a condition from a
#     tag-key policy to a network key is the usual way in.
#   remediation: >-
#     Drop the qualifier: StringEquals aws:SourceVpc. If the key may be
#     absent and that must fail, the operator alone already fails.
package rampart.rules.conditions.set_operator_single_valued

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some c in s.conditions
	c.qualifier != ""
	c.base_lower != "null"
	not any_negated(c)
	k := rampart.key(input.dialect, c.key)
	k != null
	not k.multi
	f := result.at_key(finding(s, c))
}

# ForAnyValue with a negated operator is CND003's.
any_negated(c) if {
	c.qualifier == "ForAnyValue"
	c.negated
}

finding(s, c) := result.finding(msg, c.pointer) if {
	vacuous(s, c)
	s.allow
	msg := sprintf("%s on the single-valued key %s is also true when the request has no %s, so %s allows every request without it; use %s", [c.operator, c.key, c.key, iam.label(s), plain(c)])
}

finding(s, c) := result.softer(result.finding(msg, c.pointer), "warning") if {
	vacuous(s, c)
	s.deny
	msg := sprintf("%s on the single-valued key %s is also true when the request has no %s, so %s denies every request without it; use %s", [c.operator, c.key, c.key, iam.label(s), plain(c)])
}

finding(s, c) := result.softer(result.finding(msg, c.pointer), "info") if {
	not vacuous(s, c)
	msg := sprintf("%s is a set operator but %s carries one value; %s says the same and says it plainly", [c.operator, c.key, plain(c)])
}

# vacuous holds for a positive ForAllValues test that the statement does
# not otherwise require the key for.
vacuous(s, c) if {
	c.qualifier == "ForAllValues"
	not c.negated
	not c.if_exists
	not required(s, c)
}

# required holds when another condition on the key fails without it.
required(s, c) if {
	some g in s.conditions
	g.key_lower == c.key_lower
	g != c
	requires_key(g)
}

requires_key(g) if {
	g.base_lower == "null"
	count(g.values) > 0
	every v in g.values {
		lower(v.value) == "false"
	}
}

requires_key(g) if {
	g.base_lower != "null"
	not g.if_exists
	g.qualifier != "ForAllValues"
	not g.negated
}

# plain is the operator without its qualifier.
plain(c) := substring(c.operator, count(c.qualifier) + 1, -1)
