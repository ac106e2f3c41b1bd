# METADATA
# title: Allow that another Allow of the policy already covers
# description: >-
#   Every request an Allow statement grants, another Allow of the same
#   policy grants too: its actions and resources (and principals) cover
#   the first one's, and it has no condition the first one lacks. The
#   covered statement changes nothing, whatever its conditions say, and
#   the finding points at it. Exact copies are RED001's; when two
#   statements cover each other only the later one is reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
# custom:
#   id: RED002
#   name: shadowed-allow
#   severity: info
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A narrow, carefully conditioned statement next to a broad one reads
#     as if the condition protected something; it does not, because the
#     broad statement grants the same requests without it. Reviewers
#     then tighten the narrow statement and nothing changes.
#   remediation: >-
#     Remove the covered statement, or narrow the broad one if the
#     condition of the covered one was meant to apply.
package rampart.rules.redundancy.shadowed_allow

import data.rampart.lib.iam
import data.rampart.lib.result
import data.rampart.rules.redundancy.duplicate_statement
import data.rampart.rules.redundancy.redundant_entries

deny contains f if {
	count(input.statements) > 1
	some a in input.statements
	a.allow
	ia := summaries[a.index]
	some b in input.statements
	b.allow
	a.index != b.index
	ib := summaries[b.index]
	within(ia, ib)
	covered(a, b)
	not tie(a, b, ia, ib)
	msg := sprintf("%s grants nothing that %s does not already grant: its actions and resources are covered and %s has no condition it lacks; remove it, or narrow %s", [iam.label(a), iam.label(b), iam.label(b), iam.label(b)])
	f := result.with_related(result.finding(msg, a.pointer), [result.related(sprintf("%s covers it", [iam.label(b)]), b.pointer)])
}

# summaries hold what the cheap tests of a pair of statements read, once
# per statement: its conditions as a set, the services its actions name.
summaries := [summary(s) | some s in input.statements] if count(input.statements) > 1

summary(s) := {
	"conditions": {[lower(c.operator), c.key_lower, {v.value | some v in c.values}] | some c in s.conditions},
	"services": {v.service | some v in object.get(s, "action", {"values": []}).values},
	"not_action": object.get(s, "not_action", false) != false,
	"any_service": any_service(s),
}

# any_service holds when an action value of s may name any service: "*",
# or a wildcard in the service part. A statement with NotAction counts as
# one too.
any_service(s) if {
	some v in s.action.values
	wide(v)
} else if {
	s.not_action
} else := false

wide(v) if v.all

wide(v) if iam.wildcard(v.service)

# within holds when b has no condition a lacks (b is no harder to
# satisfy) and names every service a does.
within(ia, ib) if {
	count(ib.conditions - ia.conditions) == 0
	services_named(ia, ib)
}

services_named(ia, ib) if {
	not ia.not_action
	count(ia.services - ib.services) == 0
}

services_named(_, ib) if ib.any_service == true

# tie holds when b is also covered by a and comes later: then b is the one
# reported. Exact copies are RED001's.
tie(a, b, ia, ib) if {
	within(ib, ia)
	covered(b, a)
	b.index > a.index
}

tie(a, b, _, _) if duplicate_statement.norms[a.index] == duplicate_statement.norms[b.index]

# covered holds when every request statement a's elements match,
# statement b's match too (conditions aside).
covered(a, b) if {
	principals_covered(a, b)
	resources_covered(a, b)
	actions_covered(a, b)
}

actions_covered(a, b) if {
	a.action
	b.action
	list_covered(a.action.values, b.action.values, true)
}

actions_covered(a, b) if {
	a.action
	b.not_action
	every v in a.action.values {
		outside(v, b.not_action.values, true)
	}
}

# a excludes everything b excludes, so a grants a part of what b does.
actions_covered(a, b) if {
	a.not_action
	b.not_action
	list_covered(b.not_action.values, a.not_action.values, true)
}

actions_covered(a, b) if {
	a.not_action
	some v in b.action.values
	v.all
}



# b names no resource (a trust policy): it matches every one.
resources_covered(_, b) if {
	not b.not_resource
	not b.resource
}

resources_covered(a, b) if {
	a.resource
	b.resource
	list_covered(a.resource.values, b.resource.values, false)
}

resources_covered(a, b) if {
	a.resource
	b.not_resource
	every v in a.resource.values {
		outside(v, b.not_resource.values, false)
	}
}

resources_covered(a, b) if {
	a.not_resource
	b.not_resource
	list_covered(b.not_resource.values, a.not_resource.values, false)
}

resources_covered(a, b) if {
	a.not_resource
	some v in b.resource.values
	v.all
}

principals_covered(a, b) if {
	not a.principal
	not a.not_principal
	not b.principal
	not b.not_principal
}

principals_covered(a, b) if {
	a.principal
	b.principal
	not a.not_principal
	not b.not_principal
	every e in a.principal.entries {
		some g in b.principal.entries
		principal_covers(g, e)
	}
}

principal_covers(g, e) if {
	g.type == e.type
	g.value == e.value
}

principal_covers(g, e) if {
	g.all
	g.type in {"", e.type}
}

# list_covered holds when each value of xs is matched by a value of ys.
list_covered(xs, ys, fold) if {
	every v in xs {
		value_covered(v, ys, fold)
	}
}

value_covered(v, ys, fold) if {
	some p in ys
	same(p.value, v.value, fold)
}

value_covered(v, ys, fold) if {
	some p in ys
	redundant_entries.covers(p, v, fold)
}

# outside holds when a literal value matches none of the Not* patterns.
outside(v, nots, fold) if {
	not v.wildcard
	every n in nots {
		not rampart.glob(n.value, v.value, fold)
	}
}

same(x, y, true) if lower(x) == lower(y)

same(x, y, false) if x == y
