# METADATA
# title: Allow grants access rampart.yaml says must never be granted
# description: >-
#   The organisation lists, in rampart.yaml, actions and resources no
#   policy of the repository may grant (rules.options.LP009): with only
#   actions, a statement that allows any of them on any resource is
#   reported; with only resources, one that allows anything on them; with
#   both, one that allows a listed action on a listed resource, like
#   Access Analyzer's check-access-not-granted. Wildcards count both ways:
#   "iam:*" grants a forbidden "iam:CreateUser", and "iam:Create*"
#   grants some of a forbidden "iam:*User"; NotAction and NotResource
#   grant what they do not list. A Deny statement of the same document
#   without conditions that takes the action away on every resource
#   clears it. A grant under conditions is still reported, with its
#   conditions named. Without rules.options.LP009 the rule does nothing.
# related_resources:
#   - ref: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckAccessNotGranted.html
# custom:
#   id: LP009
#   name: forbidden-access
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity, resource]
#   options:
#     actions:
#       type: strings
#       description: >-
#         Actions or action patterns that must not be granted
#         (iam:CreateUser, ram:AttachPolicyTo*, oss:PutBucketAcl).
#     resources:
#       type: strings
#       description: >-
#         Resource names or patterns that must not be reachable (with
#         actions: by those actions), in the dialects' own form.
#   rationale: >-
#     Some access is decided once for the whole organisation: nobody
#     creates IAM users, nobody touches the audit bucket. Writing it down
#     as configuration makes the decision a check every pull request
#     passes through, rather than something reviewers must remember.
#   remediation: >-
#     Remove the action or the resource from the statement, or narrow the
#     wildcard that reaches it. If the grant is an agreed exception,
#     suppress the finding with its reason and an expiry.
package rampart.rules.least_privilege.forbidden_access

import data.rampart.lib.iam
import data.rampart.lib.result

schemes := {"aws": "arn:", "acs": "acs:", "jdcloud": "jrn:"}

opts := data.rampart.options.LP009

# forbidden_actions are the configured action patterns that can name an
# action of the document's dialect: the dialect's catalogue expands them
# to some action, or no dialect's catalogue knows their service (an action
# too new for the catalogues applies everywhere). ram:CreateUser is
# Alibaba Cloud's, not an AWS document's, though AWS has a ram service
# too: that one expands in both.
forbidden_actions := [fa |
	some fa in object.get(opts, "actions", [])
	of_dialect(fa)
]

of_dialect(fa) if count(rampart.expand(input.dialect, fa)) > 0

of_dialect(fa) if {
	svc := lower(substring(fa, 0, indexof(fa, ":")))
	every d in ["acs", "jdcloud", "aws"] {
		rampart.service(d, svc) == null
	}
}

forbidden_resources := [p |
	some p in object.get(opts, "resources", [])
	startswith(p, schemes[input.dialect])
]

deny contains f if {
	count(forbidden_actions) > 0
	some s in input.statements
	s.allow
	some fa in forbidden_actions
	where := grants_action(s, fa)
	not denied(fa)
	on := reaches_forbidden(s)
	f := finding(s, where, sprintf("%s, which rules.options.LP009.actions forbids (%s)%s", [what(s, where, fa), fa, on]))
}

deny contains f if {
	count(forbidden_actions) == 0
	count(forbidden_resources) > 0
	some s in input.statements
	s.allow
	some fr in forbidden_resources
	where := reaches(s, fr)
	f := finding(s, where, sprintf("access to %s, which rules.options.LP009.resources forbids", [fr]))
}

# grants_action is where the statement grants a forbidden action pattern:
# the pointer of the first action value whose pattern meets it, or of
# NotAction when that leaves it granted.
grants_action(s, fa) := ps[0] if {
	ps := [a.pointer | some a in s.action.values; action_meets(a, fa)]
	count(ps) > 0
} else := s.not_action.pointer if {
	some name in names(fa)
	not not_listed(s, name)
}

# action_meets holds when a policy's action pattern and a forbidden
# pattern have an action in common.
action_meets(a, _) if a.all

action_meets(a, fa) if rampart.glob(a.value, fa, true)

action_meets(a, fa) if rampart.glob(fa, a.value, true)

action_meets(a, fa) if {
	a.wildcard
	iam.wildcard(fa)
	fa_service := lower(substring(fa, 0, indexof(fa, ":")))
	rampart.glob(a.service, fa_service, true)
	some name in rampart.expand(input.dialect, fa)
	rampart.glob(a.value, name, true)
}

# names are the actions a forbidden pattern stands for: what the
# catalogue expands it to, or the pattern itself for a service it does
# not know.
names(fa) := ns if {
	ns := rampart.expand(input.dialect, fa)
	count(ns) > 0
} else := [fa]

not_listed(s, name) if {
	some na in s.not_action.values
	rampart.glob(na.value, name, true)
}

# denied holds when a Deny statement of the document without conditions
# takes the forbidden action away on every resource.
denied(fa) if {
	some d in input.statements
	d.deny
	count(d.conditions) == 0
	some r in d.resource.values
	r.all
	some a in d.action.values
	rampart.glob(a.value, fa, true)
}

# reaches_forbidden says on which forbidden resource the statement grants,
# for the message; empty when no resources are listed.
reaches_forbidden(s) := "" if {
	count(forbidden_resources) == 0
} else := sprintf(" on %s", [fr]) if {
	rs := [fr | some fr in forbidden_resources; reaches(s, fr)]
	fr := rs[0]
}

# reaches is the pointer of the statement's resource that can name a
# forbidden resource, or of NotResource when that leaves it in.
reaches(s, fr) := ps[0] if {
	ps := [r.pointer | some r in s.resource.values; resource_meets(r.value, fr)]
	count(ps) > 0
} else := s.not_resource.pointer if {
	s.not_resource
	not excepted(s, fr)
}

resource_meets(r, fr) if rampart.glob(r, fr, false)

resource_meets(r, fr) if rampart.glob(fr, r, false)

excepted(s, fr) if {
	some nr in s.not_resource.values
	rampart.glob(nr.value, fr, false)
}

what(s, where, _) := "every action but those NotAction lists" if {
	where == s.not_action.pointer
} else := a.value if {
	some a in s.action.values
	a.pointer == where
}

finding(s, pointer, text) := result.finding(msg, pointer) if {
	count(s.conditions) == 0
	msg := sprintf("%s grants %s", [iam.label(s), text])
} else := result.finding(msg, pointer) if {
	msg := sprintf("%s grants %s, when its conditions hold (%s)", [iam.label(s), text, concat(", ", sort({c.key | some c in s.conditions}))])
}
