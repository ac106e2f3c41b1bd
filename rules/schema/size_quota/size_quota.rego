# METADATA
# title: Policy document over its size quota
# description: >-
#   A policy document is longer, without white space, than its cloud
#   accepts for its kind. Alibaba Cloud RAM: 6,144 characters for a
#   custom policy, 2,048 for a session policy (information above the
#   older 1,024), 4,096 for a control policy, 16 KB for an OSS bucket
#   policy. JD Cloud: 6,144 for a policy, 2,048 for a session policy.
#   AWS: 6,144 for a managed policy or permissions boundary, 2,048 for a
#   role trust policy (4096 after a quota increase), 2,048 for a session
#   policy, 5,120 for a service or resource control policy. AWS's other
#   resource policies, inline policies (limits per user, group and role)
#   and the system policies rampart embeds are not checked. The length is
#   that of the document written as compact JSON, which is what the
#   clouds count.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
#   - ref: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
#   - ref: https://www.alibabacloud.com/help/doc-detail/28753.htm
#   - ref: https://help.aliyun.com/document_detail/85111.htm
# custom:
#   id: SCH012
#   name: size-quota
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A policy over its quota passes review and every check but the
#     cloud's, and fails at apply time, often in a pipeline run long after
#     the change merged. Trust and session policies have the smallest
#     quotas and grow one account or one action at a time.
#   remediation: >-
#     Shorten the document: merge statements with the same effect,
#     resources and conditions, replace long action lists with patterns
#     the reviewer can expand (LP010), or split a policy into two. For a
#     trust policy, an AWS quota increase raises the limit to 4,096.
package rampart.rules.schema.size_quota

import data.rampart.lib.result

# quotas maps dialect and kind to the limit in characters, and what it is
# called in the message.
quotas := {
	"acs": {
		"identity": {"limit": 6144, "what": "a RAM custom policy"},
		"session": {"limit": 2048, "what": "a RAM session policy"},
		"control": {"limit": 4096, "what": "a Resource Directory control policy"},
		"resource": {"limit": 16384, "what": "the policies of an OSS bucket (16 KB)"},
	},
	"jdcloud": {
		"identity": {"limit": 6144, "what": "a JD Cloud policy"},
		"session": {"limit": 2048, "what": "a JD Cloud session policy"},
	},
	"aws": {
		"identity": {"limit": 6144, "what": "a customer managed policy"},
		"boundary": {"limit": 6144, "what": "a customer managed policy used as a permissions boundary"},
		"trust": {"limit": 2048, "what": "a role trust policy (4096 after a quota increase)"},
		"session": {"limit": 2048, "what": "an inline session policy"},
		"control": {"limit": 5120, "what": "a service control policy"},
		"resource-control": {"limit": 5120, "what": "a resource control policy"},
	},
}

deny contains f if {
	not input.managed
	q := quotas[input.dialect][input.kind]
	n := input.compact_length
	n > q.limit
	msg := sprintf("this document is %d characters long without white space; %s may hold %d, so the cloud rejects it", [n, q.what, q.limit])
	f := result.at_key(result.finding(msg, statement_pointer))
}

# An acs session policy over the older limit of 1,024 characters.
deny contains f if {
	not input.managed
	input.dialect == "acs"
	input.kind == "session"
	n := input.compact_length
	n > 1024
	n <= 2048
	msg := sprintf("this session policy is %d characters long without white space: RAM accepts 2048 today, older AssumeRole documentation says 1024", [n])
	f := result.softer(result.at_key(result.finding(msg, statement_pointer)), "info")
}

statement_pointer := "/Statement"
