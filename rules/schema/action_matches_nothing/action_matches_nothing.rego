# METADATA
# title: Action pattern matches no action
# description: >-
#   An Action or NotAction pattern with a wildcard matches no action of
#   the dialect's catalogue ("s3:Gett*", "ram:*Usr*"), or a value has no
#   service prefix at all ("GetObject", "s3GetObject"). Like SCH001, the
#   rule checks wildcards only in services whose every action the
#   catalogue knows (every aws service; acs ram, sts, oss and kms; jdcloud
#   iam and sts), so a pattern is never reported because a partial list
#   lacks the action it meant; for aws an unknown service prefix is
#   reported too. Wildcards in the service prefix are SCH014's.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
#   - ref: https://help.aliyun.com/en/ram/policy-elements
# custom:
#   id: SCH002
#   name: action-matches-nothing
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A pattern that matches nothing is accepted by the cloud and does
#     nothing: an Allow grants less than someone meant, and a Deny with
#     "iam:Delete*Polcy*" protects nothing while looking like a guardrail.
#     JSON schemas only see a string.
#   remediation: >-
#     Correct the pattern (`rampart catalog DIALECT SERVICE` lists the
#     service's actions), or write the actions out.
package rampart.rules.schema.action_matches_nothing

import data.rampart.lib.iam
import data.rampart.lib.result

# complete names, per dialect, the services whose actions the catalogue
# lists in full ("*": every service, and an unknown prefix is unknown). It
# is the list SCH001 checks exact names against.
complete := {
	"aws": {"*"},
	"acs": {"ram", "sts", "oss", "kms"},
	"jdcloud": {"iam", "sts"},
}

deny contains f if {
	some s in input.statements
	some field in ["action", "not_action"]
	some a in s[field].values
	a.wildcard
	not a.all
	a.service != ""
	not iam.wildcard(a.service)
	checked(a.service)
	rampart.expand_levels(input.dialect, a.value).total == 0
	msg := sprintf("%s matches no action: %s%s", [a.value, why(a.service), consequence(s)])
	f := result.finding(msg, a.pointer)
}

deny contains f if {
	some s in input.statements
	some field in ["action", "not_action"]
	some a in s[field].values
	a.service == ""
	not a.all
	a.value != "" # SCH013's
	msg := sprintf("%s has no service prefix, so it matches no action (an action is service:Action, as in %s)%s", [a.value, example, consequence(s)])
	f := result.finding(msg, a.pointer)
}

checked(_) if "*" in complete[input.dialect]

checked(service) if service in complete[input.dialect]

why(service) := sprintf("the %s catalogue has no service %s", [input.dialect, service]) if {
	rampart.service(input.dialect, service) == null
} else := sprintf("no action of the %s catalogue's %s service fits it", [input.dialect, service])

example := {"aws": "s3:GetObject", "acs": "oss:GetObject", "jdcloud": "vm:describeInstances"}[input.dialect]

consequence(s) := "; this Deny blocks nothing through it" if {
	s.deny
} else := ""
