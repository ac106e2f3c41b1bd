# METADATA
# title: NotResource in an Alibaba Cloud RAM policy
# description: >-
#   A statement of an Alibaba Cloud RAM policy uses NotResource. Only the
#   Japanese page of RAM's policy grammar lists the element; the English
#   element tables and the policy-document builders do not, so RAM may
#   reject the document when it is created or read the statement
#   differently. rampart evaluates it as AWS does: every resource except
#   the ones listed.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/ja/resource-access-management/latest/policy-structure-and-syntax
#   - ref: https://help.aliyun.com/en/ram/policy-elements
# custom:
#   id: SCH018
#   name: acs-not-resource
#   severity: warning
#   dialects: [acs]
#   rationale: >-
#     A policy that works in rampart's simulation and fails at deployment,
#     or that RAM reads another way, is a surprise far from the review
#     that approved it. Resource is documented everywhere; NotResource is
#     documented in one translation.
#   remediation: >-
#     Name the resources the statement applies to with Resource. To keep a
#     few resources out of a broad Allow, add a Deny statement naming them.
package rampart.rules.schema.acs_not_resource

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.not_resource
	msg := sprintf("%s uses NotResource, which only one of RAM's grammar pages documents: RAM may reject the policy or read the statement differently; name the resources with Resource (and a Deny for exceptions)", [iam.label(s)])
	f := result.at_key(result.finding(msg, s.not_resource.pointer))
}
