# METADATA
# title: Condition key used without the key that makes it unique
# description: >-
#   Some keys only identify a caller together with another: a private
#   address (aws:VpcSourceIp) means something only in a given VPC
#   (aws:SourceVpc or aws:SourceVpce), an instance's private address
#   (aws:Ec2InstanceSourcePrivateIPv4) only with its VPC
#   (aws:Ec2InstanceSourceVpc), and an S3 bucket's ARN in aws:SourceArn
#   names no account, since bucket names are global and can be
#   registered again by anyone after deletion (aws:SourceAccount or
#   aws:SourceOrgID). Used alone in an Allow, or as the exemption of a
#   Deny (a negated test), the condition admits anyone who shares the
#   address range or the bucket name.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpcsourceip
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-ec2instancesourceprivateip
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
# custom:
#   id: CND011
#   name: missing-paired-key
#   severity: warning
#   dialects: [aws]
#   rationale: >-
#     10.0.0.0/16 is the default range of half the VPCs in the world. A
#     bucket policy that admits aws:VpcSourceIp 10.0.0.0/16 through any
#     VPC endpoint admits every VPC with that range whose owner can reach
#     the endpoint's service; a confused-deputy check on a bucket ARN
#     passes for whoever owns a bucket of that name today.
#   remediation: >-
#     In an Allow, add the pairing key to the same statement: aws:SourceVpc
#     (or aws:SourceVpce) beside aws:VpcSourceIp, aws:Ec2InstanceSourceVpc
#     beside aws:Ec2InstanceSourcePrivateIPv4, aws:SourceAccount beside an
#     S3 aws:SourceArn. In a Deny, add a second Deny statement with a
#     negated test of the pairing key.
package rampart.rules.conditions.missing_paired_key

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some c in s.conditions
	p := pairs[c.key_lower]
	applies(p, c)
	narrows(s, c)
	not paired(s, p.with)
	msg := sprintf("%s %s %s without %s: %s; %s", [iam.label(s), verb(s), c.key, p.names, p.why, p.fix])
	f := result.at_key(result.finding(msg, c.pointer))
}

pairs := {
	"aws:vpcsourceip": {
		"with": {"aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn"},
		"names": "aws:SourceVpc or aws:SourceVpce",
		"why": "a private address range exists in every VPC that uses it",
		"fix": "require aws:SourceVpc or aws:SourceVpce as well",
	},
	"aws:ec2instancesourceprivateipv4": {
		"with": {"aws:ec2instancesourcevpc"},
		"names": "aws:Ec2InstanceSourceVpc",
		"why": "an instance's private address exists in every VPC that uses the range",
		"fix": "require aws:Ec2InstanceSourceVpc as well",
	},
	"aws:sourcearn": {
		"with": {"aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"},
		"names": "aws:SourceAccount",
		"why": "an S3 bucket ARN names no account, and whoever owns a bucket of that name passes",
		"fix": "require aws:SourceAccount (or aws:SourceOrgID) as well",
		"s3": true,
	},
}

# applies holds when the pair matters for the values: aws:SourceArn only
# pairs for S3 bucket ARNs.
applies(p, _) if not p.s3

applies(p, c) if {
	p.s3
	some v in c.values
	startswith(v.value, "arn:aws:s3:::")
}

# narrows holds when the condition is what keeps others out: any test in
# an Allow, a negated one (an exemption) in a Deny.
narrows(s, c) if {
	not s.deny
	c.base_lower != "null"
}

narrows(s, c) if {
	s.deny
	c.negated
}

# paired holds when the policy pins the pairing key: in an Allow, a test of
# it in the same statement (conditions are ANDed); in a Deny, another Deny
# statement whose exemption is a negated test of it (in the same statement
# the two exemptions would be ORed).
paired(s, keys) if {
	not s.deny
	some g in s.conditions
	g.key_lower in keys
	g.base_lower != "null"
	not g.negated
}

paired(s, keys) if {
	s.deny
	some o in input.statements
	o.deny
	o.index != s.index
	some g in o.conditions
	g.key_lower in keys
	g.negated
}

verb(s) := "exempts by" if s.deny

verb(s) := "trusts" if not s.deny
