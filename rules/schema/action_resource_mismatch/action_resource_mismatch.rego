# METADATA
# title: Action applies to none of the statement's resources
# description: >-
#   An action of a statement can name none of the statement's resources:
#   an object action on a bucket name (s3:GetObject on
#   arn:aws:s3:::reports), a user action on a role. For that action the
#   statement is dead. An action that accepts only "*" on a named
#   resource is reported as information: the catalogue may lag a service
#   that authorizes by name. The rule checks exact action names whose resource types the
#   catalogue knows (every aws action; the acs and jdcloud actions of the
#   services rampart has resource facts for), in statements whose
#   resources are all names of the document's own dialect (other names
#   are SCH004's and SCH005's). Policy variables in a name count as
#   wildcards.
# related_resources:
#   - ref: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
#   - ref: https://www.alibabacloud.com/help/en/oss/user-guide/ram-policy-overview
# custom:
#   id: SCH003
#   name: action-resource-mismatch
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     The classic slip is one statement for a bucket and its objects with
#     only the bucket's name: ListBucket works, GetObject is denied, and
#     someone widens the policy to "*" to make it work. In a Deny the
#     same slip leaves the action unblocked.
#   remediation: >-
#     Add the resource the action takes (the message names its types and
#     their form), or move the action into a statement of its own with
#     the right resources; for an action that accepts only "*", give it a
#     statement with Resource "*".
package rampart.rules.schema.action_resource_mismatch

import data.rampart.lib.iam
import data.rampart.lib.result

scheme := {"acs": "acs:", "jdcloud": "jrn:", "aws": "arn:"}[input.dialect]

deny contains f if {
	some s in input.statements
	not any_resource(s)
	own_names(s)
	some a in s.action.values
	not a.wildcard
	a.service != ""
	act := rampart.action(input.dialect, a.value)
	act != null
	act.resource_types_known
	not fits_one(s, a.value)
	f := finding(s, a, act)
}

# finding is a warning for an action whose resource types the statement
# misses; for an action that takes only "*" it is information: AWS's own
# policies scope such actions often, and the catalogue may lag a service
# that added resource types.
finding(s, a, act) := result.finding(msg, a.pointer) if {
	count(act.resource_types) > 0
	msg := sprintf("%s: %s %s, but %s names none: %s", [iam.label(s), act.full_name, takes(act), iam.label(s), consequence(s)])
} else := result.softer(result.finding(msg, a.pointer), "info") if {
	msg := sprintf("%s: %s accepts only Resource \"*\" by the %s catalogue, but %s names other resources: %s unless the service authorizes it by name", [iam.label(s), act.full_name, input.dialect, iam.label(s), consequence(s)])
}

# any_resource holds for a statement with a Resource matching every
# resource, or without Resource (NotResource, trust policies).
any_resource(s) if {
	some r in s.resource.values
	r.all
}

any_resource(s) if not s.resource

own_names(s) if {
	every r in s.resource.values {
		startswith(r.value, scheme)
	}
}

fits_one(s, action) if {
	some r in s.resource.values
	rampart.resource_fits(input.dialect, action, literal(r.value))
}

# literal turns policy variables into wildcards: ${aws:username} can be
# any text.
literal(v) := regex.replace(v, `\$\{[^}]*\}`, "*") if {
	contains(v, "${")
} else := v

takes(act) := sprintf("applies to %s names (%s)", [concat(" or ", [rt.name | some rt in act.resource_types]), shortest(act)]) if {
	count(act.resource_types) <= 3
} else := sprintf("applies to %d resource types (%s, …)", [count(act.resource_types), shortest(act)])

consequence(s) := "this Deny does not block it" if {
	s.deny
} else := "the statement never grants it"

# shortest is the shortest template of the action's resource types, the
# plainest example of a name it takes.
shortest(act) := t if {
	n := min({count(rt.template) | some rt in act.resource_types})
	t := min({rt.template | some rt in act.resource_types; count(rt.template) == n})
}
