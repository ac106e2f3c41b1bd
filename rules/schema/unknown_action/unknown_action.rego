# METADATA
# title: Unknown service or action
# description: >-
#   An Action or NotAction names an action the dialect's catalogue does not
#   have: a typo, an API that was renamed, or an action of another cloud.
#   The rule checks only services whose every action the catalogue knows,
#   so that a real action missing from a partial list is never reported:
#   every aws service; for acs the ram, sts, oss and kms services; for
#   jdcloud the iam and sts services. For aws an unknown service prefix is
#   reported too. Patterns with wildcards are not checked here.
# custom:
#   id: SCH001
#   name: unknown-action
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     The cloud accepts a policy with an unknown action and ignores it. In
#     an Allow the principal silently lacks a permission someone meant to
#     give; in a Deny the guardrail does not block what it was written to
#     block, which nobody notices until it matters.
#   remediation: >-
#     Correct the name (the message suggests close names the catalogue
#     knows) or remove it. `rampart catalog DIALECT SERVICE` lists a
#     service's actions.
package rampart.rules.schema.unknown_action

import data.rampart.lib.result

# complete names, per dialect, the services whose actions the catalogue
# lists in full; "*" means every service of the catalogue, and any other
# service prefix is unknown.
complete := {
	"aws": {"*"},
	"acs": {"ram", "sts", "oss", "kms"},
	"jdcloud": {"iam", "sts"},
}

deny contains f if {
	some s in input.statements
	some field in ["action", "not_action"]
	some a in s[field].values
	not a.wildcard
	a.service != ""
	checked(a.service)
	rampart.action(input.dialect, a.value) == null
	f := result.finding(message(s, a.value, a.service), a.pointer)
}

checked(_) if "*" in complete[input.dialect]

checked(service) if service in complete[input.dialect]

message(s, name, service) := concat("", [what(name, service), suggestion(name), consequence(s)])

what(name, service) := sprintf("unknown action %s: the %s catalogue has no such %s action", [name, input.dialect, service]) if {
	rampart.service(input.dialect, service) != null
}

what(name, service) := sprintf("unknown action %s: the %s catalogue has no service %s", [name, input.dialect, service]) if {
	rampart.service(input.dialect, service) == null
}

suggestion(name) := sprintf(" (did you mean %s?)", [concat(" or ", names)]) if {
	names := rampart.suggest(input.dialect, name)
	count(names) > 0
} else := ""

consequence(s) := "; this Deny does not block it" if {
	s.deny
} else := ""
