# METADATA
# title: Name from another cloud's dialect
# description: >-
#   A policy names something in another dialect's terms, as happens when
#   a policy is copied between clouds: a resource or principal name with
#   another dialect's scheme (arn: in an Alibaba Cloud or JD Cloud policy,
#   acs: or jrn: in an AWS policy), a condition key with another
#   dialect's global prefix (aws:SourceIp in a RAM policy), or an exact
#   action of a service the dialect's catalogue does not have that another
#   dialect's catalogue lists (s3:GetObject in a RAM policy; a warning,
#   since the acs and jdcloud catalogues do not list every service). A
#   document's dialect follows from its Version, so the message says
#   which Version decided it.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/doc-detail/93738.htm
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
# custom:
#   id: SCH005
#   name: cross-dialect-name
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A name of another cloud never matches a request: the statement
#     grants nothing, a Deny blocks nothing, and a condition on a key the
#     cloud never sends is false (or, negated, always true). The policy is
#     often accepted without complaint, so the mistake shows only when
#     someone is locked out, or worse, when a guardrail is needed.
#   remediation: >-
#     Translate the name: acs:service:region:account:relative-id for
#     Alibaba Cloud, jrn:service:region:account:path for JD Cloud,
#     arn:partition:service:region:account:resource for AWS; acs:,
#     jdcloud: and aws: for the global condition keys; the dialect's own
#     service codes (oss for s3, ecs or vm for ec2).
package rampart.rules.schema.cross_dialect_name

import data.rampart.lib.iam
import data.rampart.lib.result

dialects := {"acs", "jdcloud", "aws"}

schemes := {"acs": "acs:", "jdcloud": "jrn:", "aws": "arn:"}

key_prefixes := {"acs": "acs:", "jdcloud": "jdcloud:", "aws": "aws:"}

titles := {"acs": "Alibaba Cloud", "jdcloud": "JD Cloud", "aws": "AWS"}

# Resource and NotResource names.
deny contains f if {
	some s in input.statements
	some field in ["resource", "not_resource"]
	some r in s[field].values
	not startswith(r.value, schemes[input.dialect])
	not r.all
	d := scheme_dialect(r.value)
	msg := sprintf("%s names the resource %s, %s name, in %s: it names no %s resource, so %s", [iam.label(s), r.value, article(d), document, input.dialect, applies_to_nothing(s)])
	f := result.finding(msg, r.pointer)
}

# Principal and NotPrincipal names.
deny contains f if {
	some s in input.statements
	some field in ["principal", "not_principal"]
	some p in s[field].entries
	not startswith(p.value, schemes[input.dialect])
	not p.all
	d := scheme_dialect(p.value)
	msg := sprintf("%s names the principal %s, %s name, in %s: it names nobody here", [iam.label(s), p.value, article(d), document])
	f := result.finding(msg, p.pointer)
}

# Condition keys with another dialect's global prefix.
deny contains f if {
	some s in input.statements
	some c in s.conditions
	not startswith(c.key_lower, key_prefixes[input.dialect])
	some d in dialects
	d != input.dialect
	startswith(c.key_lower, key_prefixes[d])
	msg := sprintf("%s tests %s, %s condition key, in %s: the request never carries it, so %s", [iam.label(s), c.key, article(d), document, absent_key(c)])
	f := result.at_key(result.finding(msg, c.pointer))
}

# Actions of services this dialect's catalogue does not have, whose exact
# name another dialect's catalogue has. A warning: the acs and jdcloud
# catalogues do not list every service, so this is a strong hint, not a
# certainty.
deny contains f if {
	some s in input.statements
	some field in ["action", "not_action"]
	some a in s[field].values
	not a.wildcard
	a.service != ""
	rampart.service(input.dialect, a.service) == null
	others := [d | some d in lookup_order[input.dialect]; rampart.action(d, a.value) != null]
	count(others) > 0
	msg := sprintf("%s names %s, %s action, in %s: the %s catalogue has no service %s%s", [iam.label(s), a.value, article(others[0]), document, input.dialect, a.service, action_consequence(s)])
	f := result.softer(result.finding(msg, a.pointer), "warning")
}

# lookup_order is where an action of an unknown service is looked for,
# the closest cloud first.
lookup_order := {"acs": ["aws", "jdcloud"], "jdcloud": ["acs", "aws"], "aws": ["acs", "jdcloud"]}

# scheme_dialect is the dialect a name's scheme belongs to, when it is not
# the document's own.
scheme_dialect(v) := d if {
	prefix := lower(substring(v, 0, 4))
	some d, scheme in schemes
	prefix == scheme
	d != input.dialect
}

article(d) := {"acs": "an Alibaba Cloud", "jdcloud": "a JD Cloud", "aws": "an AWS"}[d]

# document says which dialect the document is, and why.
document := sprintf("this %s policy (Version %q)", [titles[input.dialect], input.version]) if {
	input.version != ""
} else := sprintf("this %s policy", [titles[input.dialect]])

applies_to_nothing(s) := "this Deny blocks nothing there" if {
	s.deny
} else := "the statement grants nothing there"

absent_key(c) := "the condition always holds (a negated operator on an absent key)" if {
	c.negated
} else := "the condition always holds (ForAllValues on an absent key)" if {
	c.qualifier == "ForAllValues"
} else := "the condition always holds (IfExists on an absent key)" if {
	c.if_exists
} else := "the condition is never true and the statement never applies"

action_consequence(s) := "; this Deny blocks nothing through it" if {
	s.deny
} else := "; the statement grants nothing through it"
