# METADATA
# title: Deny statement that can never apply
# description: >-
#   A Deny statement that no request can match: every action it names is
#   unknown to a catalogue that lists every action of the service (typos,
#   renamed APIs, actions of another cloud), its NotAction or NotResource
#   holds "*" (it excludes everything), every resource it names belongs
#   to another cloud (arn: in an Alibaba Cloud policy …), two of its
#   conditions contradict each other, or its time window has closed. The
#   guardrail gives assurance and blocks nothing. The finding points at
#   the Effect and names the cause; rules such as SCH001, CND013 and
#   CND014 report the cause itself.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
# custom:
#   id: RED005
#   name: deny-never-matches
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Deny statements are the controls a security review counts on:
#     "nobody deletes the audit trail", "nothing outside the EU". One that
#     never matches is worse than none, because everybody believes it
#     works and nothing tests it until the day it should have fired.
#   remediation: >-
#     Fix the cause named in the finding: spell the actions as the
#     catalogue does, name resources of the policy's own cloud, remove "*"
#     from NotAction or NotResource, correct the conditions. Add a
#     scenario that expects the Deny (expect: explicit-deny) so that it
#     stays tested.
package rampart.rules.redundancy.deny_never_matches

import data.rampart.lib.iam
import data.rampart.lib.result
import data.rampart.rules.conditions.contradictory_conditions

deny contains f if {
	some s in input.statements
	s.deny
	reasons := dead_reasons(s)
	count(reasons) > 0
	r := min(reasons)
	msg := sprintf("%s can never apply, so it blocks nothing: %s", [iam.label(s), r.why])
	f := by_catalogue(s, result.with_related(result.finding(msg, concat("/", [s.pointer, "Effect"])), [result.related("the cause", r.pointer)]))
}

reason_kinds := ["actions", "not_action", "not_resource", "resources", "conditions", "expired"]

# dead_reasons are why statement s matches no request: {why, pointer}.
dead_reasons(s) := {r |
	some kind in reason_kinds
	r := reason(kind, s)
}

# by_catalogue lowers to a warning a finding whose only reason is that the
# catalogue knows none of the statement's actions, when one of them is not
# a misspelling of a known action either (the catalogue has nothing close
# to it): the catalogue may lag behind a service. A misspelt guardrail
# stays an error.
by_catalogue(s, f) := result.softer(f, "warning") if {
	{kind | some kind in reason_kinds; reason(kind, s)} == {"actions"}
	some a in s.action.values
	count(rampart.suggest(input.dialect, a.value)) == 0
} else := f

# The services whose actions a dialect's catalogue lists completely: an
# action it does not know does not exist.
complete := {
	"aws": {"*"},
	"acs": {"ram", "sts", "oss", "kms"},
	"jdcloud": {"iam", "sts"},
}

reason("actions", s) := {"why": sprintf("no action it names exists (%s)", [concat(", ", [a.value | some a in s.action.values])]), "pointer": s.action.pointer} if {
	count(s.action.values) > 0
	every a in s.action.values {
		no_such_action(a)
	}
}

reason("not_action", s) := {"why": sprintf("NotAction %q excludes every action", [a.value]), "pointer": a.pointer} if {
	some a in s.not_action.values
	a.all
}

reason("not_resource", s) := {"why": sprintf("NotResource %q excludes every resource", [v.value]), "pointer": v.pointer} if {
	some v in s.not_resource.values
	v.all
}

reason("resources", s) := {"why": sprintf("every resource it names belongs to another cloud (%s names start with %s:)", [input.dialect, schemes[input.dialect]]), "pointer": s.resource.pointer} if {
	count(s.resource.values) > 0
	every v in s.resource.values {
		foreign(v.value)
	}
}

reason("conditions", s) := {"why": x.why, "pointer": x.second.pointer} if {
	some x in contradictory_conditions.contradictions(s)
}

reason("expired", s) := {"why": sprintf("%s on %s allows only times before %s, which has passed", [c.operator, c.key, concat(" or ", [v.value | some v in c.values])]), "pointer": c.pointer} if {
	some c in s.conditions
	c.base_lower in {"datelessthan", "datelessthanequals"}
	c.qualifier == ""
	not c.if_exists
	c.key_lower in time_keys
	count(c.values) > 0
	now := time.now_ns() / 1000000000
	every v in c.values {
		contradictory_conditions.parse_time(v.value) < now
	}
}

time_keys := {"aws:currenttime", "aws:epochtime", "acs:currenttime", "jdcloud:currenttime"}

schemes := {"aws": "arn", "acs": "acs", "jdcloud": "jrn"}

# no_such_action holds for an action value that matches no action: a name
# the complete catalogue of its service does not know, or a pattern that
# matches none of its actions.
no_such_action(a) if {
	not a.wildcard
	a.service != ""
	checked(a.service)
	rampart.action(input.dialect, a.value) == null
}

no_such_action(a) if {
	a.wildcard
	not a.all
	a.service != ""
	not iam.wildcard(a.service)
	checked(a.service)
	count(rampart.expand(input.dialect, a.value)) == 0
}

checked(_) if "*" in complete[input.dialect]

checked(service) if service in complete[input.dialect]

# foreign holds for a resource name with another cloud's scheme.
foreign(v) if {
	scheme := split(v, ":")[0]
	scheme in {"arn", "acs", "jrn"}
	scheme != schemes[input.dialect]
}
