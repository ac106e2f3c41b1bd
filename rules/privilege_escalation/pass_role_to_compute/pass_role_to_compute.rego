# METADATA
# title: Allow passes every role to compute the same policy may start
# description: >-
#   One Allow statement grants passing roles (iam:PassRole in aws,
#   ram:PassRole in acs) on every resource or on every role (role/*), and
#   a statement of the same policy allows an action that starts compute
#   or orchestration running as a role it is given: ec2:RunInstances,
#   ec2:RequestSpotInstances, ec2:AssociateIamInstanceProfile,
#   ec2:ReplaceIamInstanceProfileAssociation, lambda:CreateFunction,
#   lambda:UpdateFunctionConfiguration, cloudformation:CreateStack,
#   UpdateStack, CreateStackSet and CreateChangeSet, glue:CreateDevEndpoint,
#   CreateJob, UpdateJob and CreateSession, ecs:RunTask, StartTask,
#   RegisterTaskDefinition and CreateService, datapipeline:CreatePipeline,
#   sagemaker:CreateNotebookInstance, CreateTrainingJob and
#   CreateProcessingJob, codebuild:CreateProject and UpdateProject (aws);
#   ecs:RunInstances, ecs:CreateInstance, ecs:AttachInstanceRamRole,
#   ros:CreateStack, ros:UpdateStack, fc:CreateFunction, fc:CreateService,
#   fc:UpdateService and oos:StartExecution (acs). JD Cloud has no
#   pass-role action and is not checked. The finding is at the pass-role
#   action, with the compute action as a related place. A condition on
#   the service the role may be passed to (iam:PassedToService, or
#   ram:ServiceName) removes the finding when none of the compute actions
#   of the policy belongs to a service it admits, and leaves it whole when
#   one does; a compute action in a statement that itself requires that
#   key never matches (its requests lack it) and does not count. Roles
#   named, or a family of names (role/app-*), pass, as do resource tag
#   conditions on the pass-role statement; a source IP range, a VPC or MFA
#   makes the finding a warning. Wildcards such as iam:Pass* or iam:*
#   count; "*" is LP001's.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
#   - ref: https://www.alibabacloud.com/help/en/ecs/user-guide/attach-an-instance-ram-role-to-an-ecs-instance
#   - ref: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
# custom:
#   id: PE006
#   name: pass-role-to-compute
#   severity: error
#   dialects: [acs, aws]
#   kinds: [identity]
#   rationale: >-
#     Passing a role is how a principal lets a service act as that role.
#     With every role passable and a way to start an instance, a function,
#     a stack or a job, the holder starts code of its own that runs as the
#     most privileged role that trusts the service, and reads the role's
#     credentials from inside it: administrator access without ever
#     assuming a role.
#   remediation: >-
#     Name the roles the workload may pass (role/app-*) and limit them to
#     the service that uses them with iam:PassedToService (aws) or
#     ram:ServiceName (acs); keep administrator roles out of the set.
package rampart.rules.privilege_escalation.pass_role_to_compute

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that pass a role, by dialect and service, each
# with the kind of resource it uses.
actions := {
	"aws": {"iam": {"PassRole": "role"}},
	"acs": {"ram": {"PassRole": "role"}},
}

# compute are the actions that start compute or orchestration running as
# a passed role, by dialect and service, each with the service the role
# is passed to.
compute := {
	"aws": {
		"ec2": {
			"RunInstances": "ec2.amazonaws.com", "RequestSpotInstances": "ec2.amazonaws.com",
			"AssociateIamInstanceProfile": "ec2.amazonaws.com", "ReplaceIamInstanceProfileAssociation": "ec2.amazonaws.com",
		},
		"lambda": {"CreateFunction": "lambda.amazonaws.com", "UpdateFunctionConfiguration": "lambda.amazonaws.com"},
		"cloudformation": {
			"CreateStack": "cloudformation.amazonaws.com", "UpdateStack": "cloudformation.amazonaws.com",
			"CreateStackSet": "cloudformation.amazonaws.com", "CreateChangeSet": "cloudformation.amazonaws.com",
		},
		"glue": {
			"CreateDevEndpoint": "glue.amazonaws.com", "CreateJob": "glue.amazonaws.com",
			"UpdateJob": "glue.amazonaws.com", "CreateSession": "glue.amazonaws.com",
		},
		"ecs": {
			"RunTask": "ecs-tasks.amazonaws.com", "StartTask": "ecs-tasks.amazonaws.com",
			"RegisterTaskDefinition": "ecs-tasks.amazonaws.com", "CreateService": "ecs-tasks.amazonaws.com",
		},
		"datapipeline": {"CreatePipeline": "datapipeline.amazonaws.com"},
		"sagemaker": {
			"CreateNotebookInstance": "sagemaker.amazonaws.com", "CreateTrainingJob": "sagemaker.amazonaws.com",
			"CreateProcessingJob": "sagemaker.amazonaws.com",
		},
		"codebuild": {"CreateProject": "codebuild.amazonaws.com", "UpdateProject": "codebuild.amazonaws.com"},
	},
	"acs": {
		"ecs": {"RunInstances": "ecs.aliyuncs.com", "CreateInstance": "ecs.aliyuncs.com", "AttachInstanceRamRole": "ecs.aliyuncs.com"},
		"ros": {"CreateStack": "ros.aliyuncs.com", "UpdateStack": "ros.aliyuncs.com"},
		"fc": {"CreateFunction": "fc.aliyuncs.com", "CreateService": "fc.aliyuncs.com", "UpdateService": "fc.aliyuncs.com"},
		"oos": {"StartExecution": "oos.aliyuncs.com"},
	},
}

# passed_keys are the condition keys that name the service a role is
# passed to.
passed_keys := {"iam:passedtoservice", "ram:servicename"}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names does.
kinds := {
	"aws": {"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x", "role/path/to/r"]}]},
	"acs": {"role": [{"service": "ram", "names": ["role/a", "role/Admin_2.x"]}]},
}

deny contains f if {
	some s in input.statements
	s.allow
	relevant(s)
	hits := [[a, names, where] |
		some a in s.action.values
		table := actions[input.dialect][a.service]
		names := [n | some n in granted(a, table); count(reach(s, table[n])) > 0]
		count(names) > 0
		where := {w | some n in names; some w in reach(s, table[n])}
	]
	count(hits) > 0
	not scoped(s)
	starts := [[c, a, names] |
		some c in input.statements
		c.allow
		not requires_passed_service(c)
		some a in c.action.values
		table := compute[input.dialect][a.service]
		names := [n | some n in granted(a, table); passes_to(s, table[n])]
		count(names) > 0
	]
	count(starts) > 0
	f := finding(s, hits, starts)
}

# relevant holds for a statement with an action of a service the rule
# knows pass-role actions of: a cheap test before the others.
relevant(s) if {
	some a in s.action.values
	actions[input.dialect][a.service]
}

# granted are the actions of a table an action value grants, by name: the
# action itself, or those its wildcard matches. "*" is LP001's.
granted(a, table) := [n |
	some n, _ in table
	lower(n) == lower(a.name)
] if {
	not a.wildcard
} else := [n |
	some n, _ in table
	rampart.glob(a.name, n, true)
] if {
	not a.all
}

# passes_to holds when the conditions of the pass-role statement let it
# pass a role to the service.
passes_to(s, service) if {
	every c in s.conditions {
		admits(c, service)
	}
}

admits(c, _) if not c.key_lower in passed_keys

admits(c, service) if {
	c.key_lower in passed_keys
	not c.negated
	some v in c.values
	rampart.glob(v.value, service, true)
}

admits(c, service) if {
	c.key_lower in passed_keys
	c.negated
	not names_service(c, service)
}

names_service(c, service) if {
	some v in c.values
	rampart.glob(v.value, service, true)
}

# requires_passed_service holds for a statement whose condition needs the
# pass-role key, which requests that start compute do not carry.
requires_passed_service(c) if {
	some k in c.conditions
	k.key_lower in passed_keys
	not k.negated
	not k.if_exists
}

# reach describes the resources of the statement that cover every
# resource of a kind; empty when there are none.
reach(s, kind) := ["every resource"] if {
	some r in s.resource.values
	r.all
} else := ["every resource but those NotResource lists"] if {
	s.not_resource
} else := [r.value |
	some r in s.resource.values
	r.wildcard
	covers(r.value, kind)
]

# covers holds for a name pattern of the kind's service whose resource
# part matches every sample name of the kind.
covers(value, kind) if {
	n := rampart.parse_name(value)
	n != null
	some v in kinds[input.dialect][kind]
	rampart.glob(n.service, v.service, true)
	every name in v.names {
		rampart.glob(n.resource, name, true)
	}
}

# scoped holds when a resource tag condition limits which roles the
# statement may pass.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	contains(c.key_lower, ":resourcetag/")
}

# finding reports the pass-role statement at its first granting action
# value, with the first compute action as a related place; a warning when
# a condition narrows who can use it and from where.
finding(s, hits, starts) := f if {
	ls := limits(s)
	count(ls) == 0
	f := with_start(result.finding(message(s, hits, starts, ""), hits[0][0].pointer), starts)
} else := with_start(result.softer(result.finding(message(s, hits, starts, sprintf(", limited only by %s", [concat(" and ", sort(limits(s)))])), hits[0][0].pointer), "warning"), starts)

with_start(f, starts) := result.with_related(f, [result.related(
	sprintf("%s starts compute that runs as a passed role", [iam.label(starts[0][0])]),
	starts[0][1].pointer,
)])

message(s, hits, starts, limited) := sprintf("%s allows %s on %s, and %s: it can start compute that runs as any role it may pass, the most privileged included, and act with that role's permissions%s", [iam.label(s), grants(hits), places(hits), start_text(s, starts), limited])

# start_text says which statements start compute, and with what, in the
# order of the policy.
start_text(s, starts) := concat(", ", [start_piece(s, c, starts) |
	some i, start in starts
	c := start[0]
	not earlier(starts, i, c.index)
])

start_piece(s, c, starts) := sprintf("also %s", [start_grants(c, starts)]) if {
	c.index == s.index
} else := sprintf("%s allows %s", [iam.label(c), start_grants(c, starts)])

start_grants(c, starts) := concat(", ", [grant([start[1], start[2], null]) | some start in starts; start[0].index == c.index])

earlier(starts, i, index) if {
	some j, start in starts
	j < i
	start[0].index == index
}

# places lists the resources the grants reach.
places(hits) := concat(", ", sort({w | some h in hits; some w in h[2]}))

# grants lists the action values with what their wildcards include.
grants(hits) := concat(", ", [grant(h) | some h in hits])

grant([a, _, _]) := a.value if not a.wildcard

grant([a, names, _]) := sprintf("%s (%s)", [a.value, concat(", ", [concat(":", [a.service, n]) | some n in names])]) if a.wildcard

# limits describes the conditions that narrow who can use the statement
# and from where.
limits(s) := {limit(c) | some c in s.conditions; limit(c)}

limit(c) := sprintf("source IP (%s)", [c.key]) if {
	iam.global_key(input.dialect, c, "sourceip")
	c.base_lower == "ipaddress"
}

limit(c) := sprintf("source VPC (%s)", [c.key]) if {
	some name in ["sourcevpc", "sourcevpce"]
	iam.global_key(input.dialect, c, name)
	not c.negated
	not c.if_exists
}

limit(c) := sprintf("MFA (%s)", [c.key]) if {
	iam.mfa_key(c)
	c.base_lower == "bool"
	not c.if_exists
	every v in c.values {
		lower(v.value) == "true"
	}
}
