# METADATA
# title: List entry that another entry of the same list already covers
# description: >-
#   An Action, NotAction, Resource or NotResource list holds an entry
#   that adds nothing: the same value twice (actions compared ignoring
#   case), or a value that a wildcard beside it already matches
#   (s3:GetObject beside s3:Get*, a bucket's object beside
#   arn:aws:s3:::bucket/*). The finding points at the entry that can go.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
# custom:
#   id: RED003
#   name: redundant-entries
#   severity: info
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Lists grow by appending what the last incident needed. Entries a
#     wildcard already covers make the list look narrower than it is
#     (a reviewer reads s3:GetObject and misses the s3:Get* beside it)
#     and make policies longer, closer to their size limit and harder to
#     diff.
#   remediation: >-
#     Remove the entry, or, if the wildcard was not meant, replace the
#     wildcard with the entries that are.
package rampart.rules.redundancy.redundant_entries

import data.rampart.lib.iam
import data.rampart.lib.result

fields := {"action": "Action", "not_action": "NotAction", "resource": "Resource", "not_resource": "NotResource"}

deny contains f if {
	some s in input.statements
	some field, name in fields
	vals := s[field].values
	count(vals) > 1
	fold := field in {"action", "not_action"}
	some r in redundant(vals, field, fold)
	v := vals[r.index]
	msg := sprintf("%s in the %s of %s %s %q; remove it", [quote(v.value), name, iam.label(s), r.why, r.by])
	f := result.finding(msg, v.pointer)
}

# redundant are the entries of a list that can go, {index, why, by}: the
# later of two equal entries, and an entry a wildcard beside it covers
# (an entry that repeats another is reported once, as a repeat).
# Lists of AWS managed policies hold hundreds of entries, so nothing here
# compares every entry with every other: equal entries are found by
# sorting, and a wildcard is tried only on the entries of its service.
redundant(vals, field, fold) := array.concat(reps, [c |
	some c in covered(vals, field, fold)
	not c.index in {r.index | some r in reps}
]) if {
	some v in vals
	v.wildcard
	reps := repeats(vals, fold)
} else := repeats(vals, fold)

# repeats are the entries equal to an earlier one (actions ignoring case).
repeats(vals, fold) := [{"index": sorted[p][1], "why": "repeats", "by": vals[sorted[p - 1][1]].value} |
	sorted := sort([[norm(v.value, fold), i] | some i, v in vals])
	some p in numbers.range(1, count(sorted) - 1)
	sorted[p][0] == sorted[p - 1][0]
]

# covered are the entries a different wildcard of the list matches; of
# two wildcards that match each other, the later one.
covered(vals, field, fold) := [{"index": j, "why": "is already matched by", "by": first.value} |
	wild := [[group(v, field), i] | some i, v in vals; v.wildcard]
	by_group := {g: [i | some w in wild; w[0] == g; i := w[1]] | some g in {w[0] | some w in wild}}
	some j, v in vals
	candidates := array.concat(object.get(by_group, group(v, field), []), object.get(by_group, "", []))
	by := [vals[i] |
		some i in candidates
		i != j
		p := vals[i]
		norm(p.value, fold) != norm(v.value, fold)
		covers(p, v, fold)
		not mutual(p, v, i, j, fold)
	]
	count(by) > 0
	first := by[0]
]

# group is the service an entry names (lower-cased), or "" when a
# wildcard hides it: a wildcard can only cover the entries of its group,
# and one of group "" any entry.
group(v, _) := "" if v.all

group(v, field) := g if {
	not v.all
	field in {"action", "not_action"}
	g := service_group(v.service)
}

group(v, field) := g if {
	not v.all
	field in {"resource", "not_resource"}
	g := service_group(resource_service(split(v.value, ":")))
}

# resource_service is the service part of a resource name: the third part
# of an ARN, the second of an acs: or jrn: name; "" for "*".
resource_service(parts) := lower(parts[2]) if {
	parts[0] == "arn"
	count(parts) > 2
} else := lower(parts[1]) if {
	parts[0] != "arn"
	count(parts) > 1
} else := "*"

service_group(svc) := "" if iam.wildcard(svc)

service_group(svc) := svc if not iam.wildcard(svc)

quote(v) := sprintf("%q", [v])

# mutual holds when two different wildcards match each other: then only
# the later one (j > i) is reported.
mutual(p, v, i, j, fold) if {
	i > j
	covers(v, p, fold)
}

# covers holds when every value v matches, pattern p matches too. A
# wildcard in v is a wildcard, not a character: p must then have no ?,
# which could stand for v's * alone.
covers(p, _, _) if p.all

covers(p, v, fold) if {
	not p.all
	p.wildcard
	not v.wildcard
	prefix_fits(p, v, fold)
	rampart.glob(p.value, v.value, fold)
}

covers(p, v, fold) if {
	not p.all
	p.wildcard
	v.wildcard
	not contains(p.value, "?")
	prefix_fits(p, v, fold)
	rampart.glob(p.value, v.value, fold)
}

# prefix_fits is a cheap test before the glob: the literal start of p
# begins v.
prefix_fits(p, v, fold) if {
	start := literal_start(p.value)
	startswith(norm(v.value, fold), norm(start, fold))
}

literal_start(x) := substring(x, 0, n) if {
	stars := [i | some i in [indexof(x, "*"), indexof(x, "?")]; i >= 0]
	n := min(stars)
}

norm(x, true) := lower(x)

norm(x, false) := x
