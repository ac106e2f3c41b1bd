# METADATA
# title: Empty element or value
# description: >-
#   An element is empty where the schema lets it be: an empty string in
#   Action, NotAction, Resource, NotResource or a principal list, which
#   names nothing, and the empty Principal list of an Alibaba Cloud OSS
#   bucket policy, which OSS reads as everyone, anonymous callers
#   included. Empty lists of actions and resources are the schema's
#   findings. Empty Condition and operator blocks ({}) are not seen yet:
#   the rule input does not carry them.
# related_resources:
#   - ref: https://help.aliyun.com/en/oss/user-guide/authorization-syntax-and-elements
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
# custom:
#   id: SCH013
#   name: empty-container
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Empty values come from templates whose variable was not filled in:
#     "Resource": ["${bucket_arn}", ""] renders a grant of nothing, or, in
#     an OSS bucket policy, "Principal": [] renders a grant to the whole
#     internet. Both look harmless in a diff.
#   remediation: >-
#     Fill the value in or remove it. In an OSS bucket policy, write the
#     accounts or RAM names the grant is for; write ["*"] only if the
#     bucket is meant to be public.
package rampart.rules.schema.empty_container

import data.rampart.lib.iam
import data.rampart.lib.result

elements := {
	"action": "Action", "not_action": "NotAction", "resource": "Resource", "not_resource": "NotResource",
	"principal": "Principal", "not_principal": "NotPrincipal",
}

deny contains f if {
	some s in input.statements
	some field in ["action", "not_action", "resource", "not_resource"]
	some v in s[field].values
	v.value == ""
	f := result.finding(sprintf("%s has an empty value in %s, which names nothing%s", [iam.label(s), elements[field], template_hint]), v.pointer)
}

deny contains f if {
	some s in input.statements
	some field in ["principal", "not_principal"]
	some p in s[field].entries
	p.value == ""
	f := result.finding(sprintf("%s has an empty value in %s, which names nobody%s", [iam.label(s), elements[field], template_hint]), p.pointer)
}

deny contains f if {
	input.dialect == "acs"
	some s in input.statements
	count(s.principal.entries) == 0
	msg := sprintf("%s has an empty Principal list, which OSS reads as everyone, anonymous callers included: %s", [iam.label(s), effect(s)])
	f := result.finding(msg, s.principal.pointer)
}

template_hint := " (a template value left unset?)"

effect(s) := "the statement denies everyone; write [\"*\"] if that is meant" if {
	s.deny
} else := "the statement makes the bucket public; list the accounts or RAM names it is for, or write [\"*\"] if it is meant to be public"
