# METADATA
# title: Wildcard inside a principal name
# description: >-
#   A Principal or NotPrincipal entry holds * or ? inside a name
#   ("arn:aws:iam::111122223333:role/ci-*", "acs:ram::*:root",
#   "jrn:iam::*:root", "*.amazonaws.com"). Only a bare "*" means
#   everyone; a partial wildcard is not a pattern in any of the three
#   dialects. AWS rejects the policy ("Invalid principal in policy");
#   Alibaba Cloud and JD Cloud document no wildcards in principals, and
#   rampart matches such an entry as the literal text it is, which names
#   nobody.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
#   - ref: https://help.aliyun.com/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role
#   - ref: https://docs.jdcloud.com/en/iam/role
# custom:
#   id: SCH010
#   name: principal-name-wildcard
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Whoever writes "role/ci-*" or "acs:ram::*:root" means a set of
#     principals, and either gets a deployment failure or a trust that
#     names nobody, or, if a cloud ever read it as a pattern, every
#     account on the cloud. None of these is what the review approved.
#   remediation: >-
#     List the principals one by one. In aws, to admit a family of roles,
#     name their account and add a condition: ArnLike on aws:PrincipalArn
#     ("arn:aws:iam::111122223333:role/ci-*").
package rampart.rules.schema.principal_name_wildcard

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some field in ["principal", "not_principal"]
	some p in s[field].entries
	p.wildcard
	not p.all
	msg := sprintf("%s names the principal %s: a wildcard inside a principal name is not a pattern; %s", [iam.label(s), p.value, consequence])
	f := result.finding(msg, p.pointer)
}

consequence := "AWS rejects the policy; name the account and limit it with ArnLike on aws:PrincipalArn" if {
	input.dialect == "aws"
} else := "the entry names nobody (rampart matches it literally); list the principals one by one"
