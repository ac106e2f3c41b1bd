# METADATA
# title: Resource policy open to everyone behind conditions anyone can meet
# description: >-
#   An Allow statement of a resource policy names everyone as its
#   principal ("*", {"AWS": "*"}, an OSS Principal ["*"] or []) and has
#   conditions, but none of them says who the caller is or which private
#   network the request comes through: only the time, the user agent, the
#   referer, HTTPS, a tag or a prefix of the request, or a key on the
#   caller's identity that is negated, optional (IfExists), ForAllValues or
#   matched against "*". Any caller can meet such conditions, anonymous
#   ones included. When a source IP range is the only limit, the finding
#   is a warning: the range says where callers are, not who they are.
#   Statements without any condition are TR013's; trust policies are
#   TR001's.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
#   - ref: https://help.aliyun.com/en/oss/user-guide/authorization-syntax-and-elements
# custom:
#   id: TR002
#   name: wildcard-principal-weak-condition
#   severity: error
#   dialects: [acs, aws]
#   kinds: [resource]
#   rationale: >-
#     Conditions make a public statement look reviewed. But aws:Referer and
#     aws:UserAgent are headers the caller writes, aws:SecureTransport only
#     asks for HTTPS, a time window only says when, and StringLike "*" on
#     aws:PrincipalOrgID matches every caller that has an organization. The
#     statement is as public as one without conditions. S3 Block Public
#     Access draws the same line: only fixed values of keys that identify
#     the caller, its network or the calling resource make a policy
#     non-public.
#   remediation: >-
#     Bind the caller: aws:PrincipalOrgID, aws:PrincipalAccount or
#     aws:PrincipalArn with StringEquals (or ArnLike with a named account),
#     aws:SourceVpce or aws:SourceVpc for private networks, aws:SourceArn
#     and aws:SourceAccount for services; in OSS, list account UIDs in
#     Principal or use acs:SourceVpc. Keep the other conditions beside it.
package rampart.rules.trust.wildcard_principal_weak_condition

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	count(s.conditions) > 0
	some p in s.principal.entries
	p.all
	p.type != "Service"
	p.type != "Federated"
	not binds(s)
	not guarded(s)
	f := finding(s, p.pointer)
}

# An OSS Principal list that is empty means everyone.
deny contains f if {
	input.dialect == "acs"
	some s in input.statements
	s.allow
	count(s.conditions) > 0
	count(s.principal.entries) == 0
	not binds(s)
	not guarded(s)
	f := finding(s, s.principal.pointer)
}

finding(s, ptr) := result.softer(result.finding(msg, ptr), "warning") if {
	ranges := {v.value | some c in s.conditions; source_range(c); some v in c.values}
	count(ranges) > 0
	msg := sprintf("%s grants %s to everyone whose requests come from %s: an address range says where callers are, not who they are", [iam.label(s), granted(s), concat(", ", sort(ranges))])
} else := result.finding(msg, ptr) if {
	msg := sprintf("%s grants %s to everyone: its conditions (%s) do not say who the caller is, so anyone can meet them", [iam.label(s), granted(s), concat(", ", sort({c.key | some c in s.conditions}))])
}

# binding_keys say who the caller is, which private network it comes
# through, or which resource a service calls for (lower case).
binding_keys := {
	"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
	"aws:userid", "aws:username", "aws:principalservicename", "aws:principalservicenameslist",
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
	"aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn",
	"kms:calleraccount", "s3:dataaccesspointaccount", "s3:dataaccesspointarn",
	"acs:sourcevpc", "acs:principalarn", "acs:principalaccount",
}

# binds holds when a condition of s pins one of the binding keys to
# something: positive, required, not a vacuous ForAllValues, and a value
# that is not a bare wildcard nor an ARN of any account.
binds(s) if {
	some c in s.conditions
	c.key_lower in binding_keys
	not c.negated
	not c.if_exists
	c.qualifier != "ForAllValues"
	some v in c.values
	pins(v.value)
}

pins(v) if {
	not iam.stars(v)
	not any_account(v)
}

any_account(v) if {
	n := rampart.parse_name(v)
	n != null
	iam.stars(n.account)
}

# source_range holds for a positive, required IP range condition on the
# caller's address.
source_range(c) if {
	c.key_lower in {"aws:sourceip", "acs:sourceip"}
	c.base_lower == "ipaddress"
	not c.if_exists
}

# granted says which actions a statement grants, in a few words.
granted(s) := sprintf("every action except %s", [s.not_action.values[0].value]) if {
	not s.action
	count(s.not_action.values) > 0
} else := s.action.values[0].value if {
	count(s.action.values) == 1
} else := sprintf("%s and 1 more action", [s.action.values[0].value]) if {
	count(s.action.values) == 2
} else := sprintf("%s and %d more actions", [s.action.values[0].value, count(s.action.values) - 1]) if {
	count(s.action.values) > 2
} else := "its actions"

# guarded holds when a Deny statement of the policy turns away, for every
# action and resource of s, each caller outside a named organization,
# account, VPC or VPC endpoint (a negated condition on a binding key).
guarded(s) if {
	some d in input.statements
	d.deny
	some p in d.principal.entries
	p.all
	some c in d.conditions
	c.negated
	c.key_lower in binding_keys
	c.qualifier != "ForAllValues"
	some v in c.values
	pins(v.value)
	covers_actions(d, s)
	covers_resources(d, s)
}

covers_actions(d, _) if {
	some a in d.action.values
	a.all
}

covers_actions(d, s) if {
	s.action
	every a in s.action.values {
		some da in d.action.values
		rampart.glob(da.value, a.value, true)
	}
}

covers_resources(d, _) if {
	some r in d.resource.values
	r.all
}

covers_resources(d, s) if {
	s.resource
	every r in s.resource.values {
		some dr in d.resource.values
		rampart.glob(dr.value, r.value, false)
	}
}
