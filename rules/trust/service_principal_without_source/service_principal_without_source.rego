# METADATA
# title: Service principal without the resource or account it acts for
# description: >-
#   An Allow statement of a resource policy (a bucket, topic, queue, key or
#   function policy) grants an AWS service principal (cloudtrail.amazonaws.com,
#   s3.amazonaws.com, sns.amazonaws.com …) without a condition saying on
#   whose behalf the service must be acting: aws:SourceArn, aws:SourceAccount,
#   aws:SourceOrgID, aws:SourceOrgPaths (or the older aws:SourceOwner). The
#   service then uses the grant for any of its customers, in any account.
#   Role trust policies are not reported: a service can only use a role
#   someone in the role's account passes to it (iam:PassRole), and Alibaba
#   Cloud and JD Cloud service roles are trusted by services of the same
#   account only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn
# custom:
#   id: TR008
#   name: service-principal-without-source
#   severity: warning
#   dialects: [aws]
#   kinds: [resource]
#   rationale: >-
#     This is the cross-service confused deputy: another customer
#     configures the same service to write to your bucket or queue, publish
#     to your topic or use your key, and the service, which your policy
#     trusts, does it. Logs and messages can be injected, storage is spent,
#     and a key's grant is used for someone else's data.
#   remediation: >-
#     Add aws:SourceArn with the ARN of the resource the service acts for
#     (the trail, the distribution, the bucket) and aws:SourceAccount with
#     your account, or aws:SourceOrgID for an organization.
package rampart.rules.trust.service_principal_without_source

import data.rampart.lib.iam
import data.rampart.lib.result

source_keys := {"aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceowner"}

deny contains f if {
	some s in input.statements
	s.allow
	some p in s.principal.entries
	p.type == "Service"
	not p.all
	not bound(s)
	f := result.finding(sprintf("%s grants %s to %s with no condition on aws:SourceArn or aws:SourceAccount: the service can use it for any of its customers, in any account", [iam.label(s), granted(s), p.value]), p.pointer)
}

# bound holds when a positive, required condition names the resource,
# account or organization the service acts for.
bound(s) if {
	some c in s.conditions
	c.key_lower in source_keys
	not c.negated
	not c.if_exists
	c.qualifier != "ForAllValues"
	some v in c.values
	pins(v.value)
}

# pins holds for a value that names something: not a bare wildcard, and
# for an ARN, not one of any account, nor every resource of a service
# without accounts in its names (arn:aws:s3:::*).
pins(v) if {
	not iam.stars(v)
	not broad_arn(v)
}

broad_arn(v) if {
	n := rampart.parse_name(v)
	n != null
	iam.stars(n.account)
}

broad_arn(v) if {
	n := rampart.parse_name(v)
	n != null
	n.account == ""
	iam.stars(n.resource)
}

# granted says which actions a statement grants, in a few words.
granted(s) := s.action.values[0].value if {
	count(s.action.values) == 1
} else := sprintf("%s and 1 more action", [s.action.values[0].value]) if {
	count(s.action.values) == 2
} else := sprintf("%s and %d more actions", [s.action.values[0].value, count(s.action.values) - 1]) if {
	count(s.action.values) > 2
} else := "its actions"
