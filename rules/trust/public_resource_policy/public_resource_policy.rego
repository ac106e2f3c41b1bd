# METADATA
# title: Resource policy open to everyone
# description: >-
#   An Allow statement of a resource policy (an S3 or OSS bucket policy, a
#   KMS key policy, an SQS queue or SNS topic policy …) names everyone as
#   its principal ("*", {"AWS": "*"}, an OSS Principal ["*"], or an OSS
#   Principal [], which OSS reads as everyone) and has no condition at all.
#   Every caller on the internet gets the granted actions, anonymous
#   requests included. Statements whose conditions exist but do not say
#   who the caller is are TR002's; a Deny in the same policy that turns
#   away everyone outside an organization, an account, a VPC or a VPC
#   endpoint for the same actions and resources keeps the statement from
#   being public, and passes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - ref: https://help.aliyun.com/en/oss/user-guide/authorization-syntax-and-elements
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html
# custom:
#   id: TR013
#   name: public-resource-policy
#   severity: error
#   dialects: [acs, aws]
#   kinds: [resource]
#   rationale: >-
#     A resource policy is the one place where a resource can be given to
#     callers outside every account. Public buckets, keys and queues are
#     the most common cause of cloud data leaks: object names are guessed
#     or listed, and nobody is asked for a credential. A public grant that
#     is meant (a static website) should be written so and suppressed with
#     a reason, so the next one is noticed.
#   remediation: >-
#     Name the accounts or principals that need the resource. If the
#     principal must stay "*", add a condition that binds the caller:
#     aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce or
#     aws:SourceArn in AWS; acs:SourceVpc, or a list of account UIDs in
#     Principal, in OSS. To serve a public website, put a CDN with origin
#     access in front of the bucket instead of opening it.
package rampart.rules.trust.public_resource_policy

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	count(s.conditions) == 0
	some p in s.principal.entries
	p.all
	p.type != "Service"
	p.type != "Federated"
	not guarded(s)
	f := result.finding(sprintf("%s grants %s to %s: no condition limits who may call", [iam.label(s), granted(s), object.get(whom, p.type, "everyone")]), p.pointer)
}

# An OSS Principal list that is empty means everyone.
deny contains f if {
	input.dialect == "acs"
	some s in input.statements
	s.allow
	count(s.conditions) == 0
	count(s.principal.entries) == 0
	not guarded(s)
	f := result.finding(sprintf("%s grants %s to everyone, anonymous callers included (OSS reads an empty Principal as everyone): no condition limits who may call", [iam.label(s), granted(s)]), s.principal.pointer)
}

# whom says who a bare * of a principal type is: "*" and {"AWS": "*"}
# include anonymous callers; {"RAM": "*"} is every account's principals.
whom := {
	"": "everyone, anonymous callers included",
	"AWS": "everyone, anonymous callers included",
	"CanonicalUser": "everyone, anonymous callers included",
	"RAM": "every principal of every account",
}

# granted says which actions a statement grants, in a few words.
granted(s) := sprintf("every action except %s", [s.not_action.values[0].value]) if {
	not s.action
	count(s.not_action.values) == 1
} else := sprintf("every action except %s and %d more", [s.not_action.values[0].value, count(s.not_action.values) - 1]) if {
	not s.action
	count(s.not_action.values) > 1
} else := s.action.values[0].value if {
	count(s.action.values) == 1
} else := sprintf("%s and 1 more action", [s.action.values[0].value]) if {
	count(s.action.values) == 2
} else := sprintf("%s and %d more actions", [s.action.values[0].value, count(s.action.values) - 1]) if {
	count(s.action.values) > 2
} else := "its actions"

# guarded holds when a Deny statement of the policy turns away, for every
# action and resource of s, each caller outside a named organization,
# account, VPC or VPC endpoint (a negated condition on such a key, the
# usual "deny unless" guard).
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

# pins holds for a value that names something: not a bare wildcard, and
# for an ARN, not one of any account.
pins(v) if {
	not iam.stars(v)
	not any_account(v)
}

any_account(v) if {
	n := rampart.parse_name(v)
	n != null
	iam.stars(n.account)
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
