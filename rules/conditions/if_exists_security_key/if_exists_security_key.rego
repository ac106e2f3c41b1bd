# METADATA
# title: IfExists on a security key in an Allow
# description: >-
#   An operator ending in IfExists is true when the request has no such
#   key. On the keys that restrict where a call comes from or who makes it
#   (source IP, VPC and VPC endpoint, MFA, the caller's or the resource's
#   account and organization, the calling service's ARN), an Allow with
#   IpAddressIfExists, BoolIfExists … grants exactly the requests that
#   lack the key: calls through a VPC endpoint or made by a service have
#   no source IP, calls signed with long-term access keys have no MFA
#   key, anonymous callers have no organization. A Null false test on the
#   key in the same statement closes the gap. Vendors other than AWS do
#   not document IfExists; rampart evaluates it the AWS way in every
#   dialect.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
# custom:
#   id: CND004
#   name: if-exists-security-key
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     "BoolIfExists aws:MultiFactorAuthPresent true" reads as "with MFA"
#     and means "with MFA, or with an access key": a leaked key of the user
#     passes. "IpAddressIfExists aws:SourceIp office" lets every call that
#     arrives without a source IP through. The restriction is strongest
#     where it looks strongest and is bypassed by the caller it was meant
#     to stop.
#   remediation: >-
#     Drop IfExists so that the request must carry the key, or add
#     "Null": {"<key>": "false"} to the statement. Where requests made by
#     services must pass, allow them explicitly (aws:ViaAWSService,
#     aws:CalledVia) instead of letting every request without the key in.
package rampart.rules.conditions.if_exists_security_key

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	some c in s.conditions
	c.if_exists
	not c.negated
	what := security_keys[c.key_lower]
	not required(s, c.key_lower)
	msg := sprintf("%s on %s is true when the request has no %s, so %s allows %s without this check; drop IfExists or add \"Null\": {\"%s\": \"false\"}", [c.operator, c.key, c.key, iam.label(s), what, c.key])
	f := soften(result.at_key(result.finding(msg, c.pointer)), c.key_lower)
}

# soften lowers the findings on the keys of the resource to warnings: the
# requests without them are mostly those on no resource at all (List and
# Describe calls), which policies keep under IfExists on purpose; the keys
# of the caller and the network stay errors.
soften(f, key) := result.softer(f, "warning") if key in resource_keys

soften(f, key) := f if not key in resource_keys

resource_keys := {"aws:resourceaccount", "aws:resourceorgid"}

# security_keys are the keys whose absence is the case the check is meant
# to stop, with the requests that come without them.
security_keys := {
	"aws:sourceip": "calls through VPC endpoints and calls made by AWS services",
	"aws:vpcsourceip": "calls from outside a VPC",
	"aws:sourcevpc": "calls from outside a VPC",
	"aws:sourcevpce": "calls that do not come through a VPC endpoint",
	"aws:sourcevpcarn": "calls from outside a VPC",
	"aws:ec2instancesourcevpc": "calls with credentials that are not an instance's",
	"aws:ec2instancesourceprivateipv4": "calls with credentials that are not an instance's",
	"aws:multifactorauthpresent": "calls signed with long-term access keys",
	"aws:multifactorauthage": "calls signed with long-term access keys",
	"aws:principalorgid": "anonymous callers and principals outside any organization",
	"aws:principalorgpaths": "anonymous callers and principals outside any organization",
	"aws:principalaccount": "anonymous callers",
	"aws:principalarn": "anonymous callers",
	"aws:sourceaccount": "calls that no service makes on a resource's behalf",
	"aws:sourcearn": "calls that no service makes on a resource's behalf",
	"aws:sourceorgid": "calls that no service makes on a resource's behalf",
	"aws:sourceorgpaths": "calls that no service makes on a resource's behalf",
	"aws:resourceaccount": "requests for resources that carry no account",
	"aws:resourceorgid": "requests for resources that carry no organization",
	"aws:vpceaccount": "calls that do not come through a VPC endpoint",
	"aws:vpceorgid": "calls that do not come through a VPC endpoint",
	"acs:sourceip": "calls that carry no public source address",
	"acs:sourcevpc": "calls from outside a VPC",
	"acs:mfapresent": "calls signed with AccessKeys",
	"jdcloud:sourceip": "calls that carry no source address",
}

# required holds when another condition of the statement fails without
# the key: Null false, or a positive test without IfExists.
required(s, key) if {
	some g in s.conditions
	g.key_lower == key
	g.base_lower == "null"
	count(g.values) > 0
	every v in g.values {
		lower(v.value) == "false"
	}
}

required(s, key) if {
	some g in s.conditions
	g.key_lower == key
	g.base_lower != "null"
	not g.if_exists
	not g.negated
	g.qualifier != "ForAllValues"
}
