# METADATA
# title: Tag condition on actions that carry no tags
# description: >-
#   A condition on a tag key (aws:ResourceTag/…, aws:RequestTag/…,
#   aws:TagKeys, a service's own ResourceTag key; in JD Cloud
#   jdcloud:RequestTag/…) only means something for actions whose requests
#   carry it. For the others the key is absent, and the condition is
#   decided by absence alone. The rule looks at each action the statement
#   names and reports an action value when the catalogue says none of the
#   actions it matches carries the key: in AWS, actions whose condition
#   keys do not list it and that act on no resource type (list and
#   describe calls, account-wide operations); in JD Cloud, services
#   outside the list JD documents for request tags. A Deny whose test then
#   fails never blocks those actions (an error); an Allow whose test then
#   passes grants them on every resource, tags or not (a warning); the
#   two other cases grant or block by absence alone (info). Actions with
#   resource types are left alone, since their resource types may carry
#   the key.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html
#   - ref: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
# custom:
#   id: CND010
#   name: tag-condition-unsupported
#   severity: error
#   dialects: [aws, jdcloud]
#   rationale: >-
#     Attribute-based access control is written once for a team and
#     pasted onto every action the team uses. "Deny unless the resource
#     is tagged with my team" on ec2:DescribeInstances or
#     iam:ListRoles tests a key those requests never have: the Deny never
#     fires, and an Allow with a negated tag test grants them without any
#     tag check, while the policy reads as tag-scoped throughout.
#   remediation: >-
#     Move the actions that carry no tags into a statement of their own
#     without the tag condition, and decide for them separately (often
#     list and describe calls are harmless; account-wide operations are
#     not).
package rampart.rules.conditions.tag_condition_unsupported

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	input.dialect == "aws"
	some s in input.statements
	tags := [{"c": c, "key": lower(k.name)} |
		some c in s.conditions
		contains(c.key_lower, "tag")
		k := rampart.key(input.dialect, c.key)
		k != null
		tag_key(k.name)
	]
	count(tags) > 0
	some a in s.action.values
	not a.all
	lacking := [t | some t in tags; unsupported_count(a, t.key)]
	count(lacking) > 0
	n := unsupported_count(a, lacking[0].key)
	f := finding(s, decisive([t.c | some t in lacking]), a, n)
}

deny contains f if {
	input.dialect == "jdcloud"
	some s in input.statements
	tags := [c | some c in s.conditions; startswith(c.key_lower, "jdcloud:requesttag/")]
	count(tags) > 0
	some a in s.action.values
	not iam.wildcard(a.service)
	a.service != ""
	not a.service in request_tag_services
	rampart.service(input.dialect, a.service) != null
	f := finding(s, decisive(tags), a, 0)
}

# decisive is the tag condition that decides a statement for requests
# without the keys: the first that fails then, else the first.
decisive(cs) := c if {
	failing := [x | some x in cs; not absent_passes(x)]
	c := array.concat(failing, cs)[0]
}

# request_tag_services are the JD Cloud services JD lists as accepting
# jdcloud:RequestTag (disk, Kubernetes node groups, native containers,
# pods, ZFS, Redis, Memcached, RDS, MongoDB, DRDS, CDN, JCQ, JQS, ES).
request_tag_services := {
	"disk", "kubernetes", "nativecontainer", "pod", "zfs", "redis", "memcached",
	"rds", "mongodb", "drds", "cdn", "jcq", "jqs", "es",
}

# tag_key holds for the catalogue names of tag keys: global or of a
# service.
tag_key(name) if {
	lname := lower(name)
	some suffix in [":resourcetag/${tagkey}", ":requesttag/${tagkey}", ":tagkeys"]
	endswith(lname, suffix)
}

# unsupported_count is how many actions a matches, when none of them
# carries the key (name lower-cased); undefined otherwise.
unsupported_count(a, key) := 1 if {
	not a.wildcard
	act := rampart.action(input.dialect, a.value)
	act != null
	lacks(act, key)
}

unsupported_count(a, key) := count(names) if {
	a.wildcard
	not iam.wildcard(a.service)
	names := rampart.expand(input.dialect, a.value)
	count(names) > 0
	count(names) <= 400
	not some_carries(names, key)
}

some_carries(names, key) if {
	some n in names
	not lacks(rampart.action(input.dialect, n), key)
}

# lacks holds for an action that acts on no resource type and whose
# condition keys do not list the key.
lacks(act, key) if {
	act.resource_types_known
	count(act.resource_types) == 0
	every k in act.condition_keys {
		lower(k) != key
	}
}

# absent_passes says whether the condition holds for a request without
# the key.
absent_passes(c) if c.if_exists

absent_passes(c) if c.qualifier == "ForAllValues"

absent_passes(c) if {
	c.qualifier == ""
	c.base_lower != "null"
	c.negated
}

absent_passes(c) if {
	c.base_lower == "null"
	some v in c.values
	lower(v.value) == "true"
}

what(a, 0) := sprintf("%s (a service outside those JD lists for request tags)", [a.value])

what(a, 1) := a.value

what(a, n) := sprintf("%s (all %d actions it matches)", [a.value, n]) if n > 1

finding(s, c, a, n) := result.finding(msg, a.pointer) if {
	s.deny
	not absent_passes(c)
	msg := sprintf("%s carries no %s, so %s on it is false and %s never blocks %s", [what(a, n), c.key, c.operator, iam.label(s), a.value])
}

finding(s, c, a, n) := result.softer(result.finding(msg, a.pointer), "warning") if {
	not s.deny
	absent_passes(c)
	msg := sprintf("%s carries no %s, so %s on it always holds and %s grants %s on every resource, tagged or not", [what(a, n), c.key, c.operator, iam.label(s), a.value])
}

finding(s, c, a, n) := result.softer(result.finding(msg, a.pointer), "info") if {
	not s.deny
	not absent_passes(c)
	msg := sprintf("%s carries no %s, so %s on it is false and %s never grants %s", [what(a, n), c.key, c.operator, iam.label(s), a.value])
}

finding(s, c, a, n) := result.softer(result.finding(msg, a.pointer), "info") if {
	s.deny
	absent_passes(c)
	msg := sprintf("%s carries no %s, so %s on it always holds and %s blocks %s whatever the tags", [what(a, n), c.key, c.operator, iam.label(s), a.value])
}
