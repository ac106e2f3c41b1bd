# METADATA
# title: Unknown or inapplicable condition key
# description: >-
#   A condition tests a key the request never carries. Two cases: a key
#   with the dialect's global prefix (acs:, jdcloud:, aws:) that the
#   catalogue does not have, as a typo like aws:SoruceIp or a key another
#   cloud has (acs:PrincipalARN); and, in aws, whose catalogue lists every
#   service's keys and which actions take them, a service key the
#   catalogue does not know at all; and, as information, since the
#   catalogue lists the keys of resource types incompletely, a key that
#   it lists for none of the statement's actions (s3:prefix on
#   s3:GetObject). Keys of identity providers
#   (accounts.google.com:sub, token.actions.githubusercontent.com:sub)
#   and the service keys of acs and jdcloud, whose catalogues are partial,
#   are not checked; neither is a statement with NotAction. A key of
#   another dialect is SCH005's.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
#   - ref: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
#   - ref: https://www.alibabacloud.com/help/en/ram/conditional-operator
# custom:
#   id: SCH006
#   name: unknown-condition-key
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A key the request never carries makes a positive condition false,
#     so the Allow never applies, and a negated one true, so a Deny
#     applies to everyone or, as IfExists, to no one. Condition keys are
#     accepted without any check by every cloud, so a typo in one is
#     invisible until the access it shapes is needed.
#   remediation: >-
#     Correct the key (`rampart catalog aws SERVICE` lists each action's
#     keys), or move the condition to the statement of the actions that
#     take it.
package rampart.rules.schema.unknown_condition_key

import data.rampart.lib.iam
import data.rampart.lib.result

global_prefix := concat("", [input.dialect, ":"])

# Keys with the dialect's global prefix the catalogue does not have.
deny contains f if {
	some s in input.statements
	some c in s.conditions
	startswith(c.key_lower, global_prefix)
	rampart.key(input.dialect, c.key) == null
	not defined_by_an_action(s, c)
	msg := sprintf("%s tests %s, which is not a condition key of %s: the request never carries it, so %s", [iam.label(s), c.key, titles[input.dialect], consequence(c)])
	f := result.at_key(result.finding(msg, c.pointer))
}

# aws service keys the catalogue does not know.
deny contains f if {
	input.dialect == "aws"
	some s in input.statements
	some c in s.conditions
	service := service_of(c)
	rampart.key("aws", c.key) == null
	not defined_by_an_action(s, c)
	msg := sprintf("%s tests %s, %s: the request never carries it, so %s", [iam.label(s), c.key, unknown_what(service), consequence(c)])
	f := result.at_key(result.finding(msg, c.pointer))
}

# aws service keys none of the statement's actions takes, by the
# catalogue. Information only: the catalogue lists the keys of an
# action's resource types incompletely, and AWS's own policies test keys
# it does not list.
deny contains f if {
	input.dialect == "aws"
	some s in input.statements
	not s.not_action
	some c in s.conditions
	service_of(c)
	k := rampart.key("aws", c.key)
	k != null
	not k.global
	not taken(s, c, k)
	actions := [a.value | some a in s.action.values]
	msg := sprintf("%s tests %s, a key of %s that the aws catalogue lists for none of the statement's actions (%s): if none takes it, the request never carries it and %s", [iam.label(s), c.key, k.service, listed(actions), consequence(c)])
	f := result.softer(result.at_key(result.finding(msg, c.pointer)), "info")
}

titles := {"acs": "Alibaba Cloud RAM", "jdcloud": "JD Cloud IAM", "aws": "AWS"}

# service_of is the prefix of an aws key that names a service: not the
# global prefix, not an identity provider's host name or path.
service_of(c) := p if {
	not startswith(c.key_lower, "aws:")
	contains(c.key_lower, ":")
	p := substring(c.key_lower, 0, indexof(c.key_lower, ":"))
	not contains(p, ".")
	not contains(p, "/")
}

unknown_what(service) := sprintf("which the aws catalogue does not have among %s's keys", [service]) if {
	rampart.service("aws", service) != null
} else := sprintf("but the aws catalogue has no service %s", [service])

# taken holds when some action of the statement may take the key: an
# exact action that lists it, a pattern of the key's service, or an
# action the catalogue does not know.
taken(s, c, _) if defined_by_an_action(s, c)

taken(s, _, k) if {
	some a in s.action.values
	a.wildcard
	rampart.glob(a.service, lower(k.service), true)
}

taken(s, _, _) if {
	some a in s.action.values
	not a.wildcard
	rampart.action("aws", a.value) == null
}

defined_by_an_action(s, c) if {
	some a in s.action.values
	not a.wildcard
	act := rampart.action(input.dialect, a.value)
	act != null
	some key in act.condition_keys
	key_matches(key, c.key_lower)
}

key_matches(key, name) if lower(key) == name

# A key with a variable part (a tag key, a resource attribute) matches up
# to its first "/": the catalogue writes the variable part as ${TagKey},
# <key> or tag-key.
key_matches(key, name) if {
	contains(name, "/")
	contains(key, "/")
	lower(substring(key, 0, indexof(key, "/"))) == substring(name, 0, indexof(name, "/"))
}

key_matches(key, name) if {
	regex.match(`\$\{|<`, key)
	rampart.glob(regex.replace(key, `\$\{[^}]*\}|<[^>]*>`, "*"), name, true)
}

listed(actions) := concat(", ", actions) if {
	count(actions) <= 3
} else := sprintf("%s and %d more", [concat(", ", array.slice(actions, 0, 3)), count(actions) - 3])

consequence(c) := "the Null test always sees it absent" if {
	c.base_lower == "null"
} else := "the condition always holds (a negated operator on an absent key)" if {
	c.negated
} else := "the condition always holds (IfExists on an absent key)" if {
	c.if_exists
} else := "the condition always holds (ForAllValues on an absent key)" if {
	c.qualifier == "ForAllValues"
} else := "the condition is never true and the statement never applies"
