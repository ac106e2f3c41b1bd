# METADATA
# title: Compute service can assume an administrator role
# description: >-
#   A role of the inventory is trusted by a compute service (an ECS, EC2
#   or JD Cloud VM instance, a function, a container or a build service:
#   ecs.aliyuncs.com, fc.aliyuncs.com, ec2.amazonaws.com,
#   lambda.amazonaws.com, ecs-tasks.amazonaws.com, vm.jdcloud.com …) and a
#   policy attached to it, a file or a system policy, is as good as an
#   administrator's: it allows every action on every resource, every
#   action but a few that leave the account's permission service (IAM, RAM)
#   open, or attaching any policy to the role itself. A permissions
#   boundary that is not itself administrator-equivalent, or a Deny of
#   every action in the role's policies, keeps the role from being
#   reported. When the administrator statement carries conditions the
#   finding is a warning: workloads often meet them anyway.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
#   - ref: https://www.alibabacloud.com/help/en/ecs/user-guide/attach-an-instance-ram-role-to-an-ecs-instance
#   - ref: https://github.com/salesforce/cloudsplaining
# custom:
#   id: TR012
#   name: compute-admin-role
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Code on an instance, in a function or a container gets the role's
#     credentials from the metadata service or its environment, with no
#     password and no MFA. A web application bug, a poisoned dependency or
#     a leaked build log is then an administrator of the account. Compute
#     roles are the credentials attackers look for first.
#   remediation: >-
#     Give the workload a role of its own with the actions it calls on the
#     resources it needs. Keep administrator roles for people, behind MFA,
#     and never let a compute service assume them.
package rampart.rules.trust.compute_admin_role

import data.rampart.lib.result

# compute_services are the service principals that hand a role's
# credentials to code the account runs (lower case).
compute_services := {
	"ecs.aliyuncs.com", "fc.aliyuncs.com", "eci.aliyuncs.com", "sae.aliyuncs.com", "batchcompute.aliyuncs.com",
	"ec2.amazonaws.com", "lambda.amazonaws.com", "edgelambda.amazonaws.com", "ecs-tasks.amazonaws.com",
	"pods.eks.amazonaws.com", "codebuild.amazonaws.com", "glue.amazonaws.com", "sagemaker.amazonaws.com",
	"tasks.apprunner.amazonaws.com", "airflow-env.amazonaws.com",
	"vm.jdcloud.com", "nativecontainer.jdcloud.com", "pod.jdcloud.com", "function.jdcloud.com",
}

# attach_self are the actions that attach a policy to a role, per dialect.
attach_self := {
	"aws": ["iam:AttachRolePolicy", "iam:PutRolePolicy"],
	"acs": ["ram:AttachPolicyToRole"],
	"jdcloud": ["iam:attachRolePolicy"],
}

# docs are the workspace's documents by file.
docs := {d.file: d | some d in input.documents}

# trust_docs are the trust policies by file: a smaller map, enough for
# the first step.
trust_docs := {d.file: d | some d in input.documents; d.kind == "trust"}

aggregate contains f if {
	some acct in input.accounts
	some role in acct.roles
	trust := trust_docs[role.trust.file]
	services := {p.value |
		some s in trust.statements
		s.allow
		some p in s.principal.entries
		p.type == "Service"
		lower(p.value) in compute_services
	}
	count(services) > 0
	not bounded(role, acct)
	not denied(role)
	some ref in role.policies
	d := docs[ref.file]
	some s in d.statements
	grant := admin(s, d.dialect, role, acct)
	f := finding(acct, role, ref, s, grant, services, trust)
}

finding(acct, role, ref, s, grant, services, trust) := result.with_related(r, [related(trust, services)]) if {
	count(s.conditions) == 0
	r := result.finding_in(sprintf("role %s of %s can be assumed by %s, and %s %s: code running there is an administrator of the account", [role.name, name(acct), concat(", ", sort(services)), ref.text, grant]), acct.file, ref.pointer)
} else := result.with_related(result.softer(r, "warning"), [related(trust, services)]) if {
	r := result.finding_in(sprintf("role %s of %s can be assumed by %s, and %s %s, under conditions (%s) such workloads may well meet", [role.name, name(acct), concat(", ", sort(services)), ref.text, grant, concat(", ", sort({c.key | some c in s.conditions}))]), acct.file, ref.pointer)
}

related(trust, services) := result.related_in("the compute service is trusted here", trust.file, p.pointer) if {
	some s in trust.statements
	s.allow
	some p in s.principal.entries
	p.value == min(services)
}

name(acct) := acct.alias if acct.alias != ""

name(acct) := sprintf("account %s", [acct.id]) if acct.alias == ""

# admin says how an Allow statement makes its holder an administrator, if
# it does.
admin(s, dialect, role, acct) := "allows every action on every resource" if {
	s.allow
	some a in s.action.values
	a.all
	every_resource(s)
} else := sprintf("allows every action except %s", [concat(", ", [v.value | some v in s.not_action.values])]) if {
	s.allow
	s.not_action
	every_resource(s)
	every v in s.not_action.values {
		every name in attach_self[dialect] {
			not rampart.glob(v.value, name, true)
		}
	}
} else := sprintf("allows %s on the role itself, so it can attach any policy to itself", [hits[0]]) if {
	s.allow
	hits := [a.value |
		some a in s.action.values
		some name in attach_self[dialect]
		rampart.glob(a.value, name, true)
	]
	count(hits) > 0
	some r in s.resource.values
	own(r, dialect, role, acct)
}

every_resource(s) if {
	some r in s.resource.values
	r.all
}

# own holds for a resource pattern that names the role itself.
own(r, _, _, _) if r.all

own(r, dialect, role, acct) if {
	not r.all
	rampart.glob(r.value, role_name(dialect, acct.id, role.name), false)
}

role_name("aws", id, name) := sprintf("arn:aws:iam::%s:role/%s", [id, name])

role_name("acs", id, name) := sprintf("acs:ram::%s:role/%s", [id, name])

role_name("jdcloud", id, name) := sprintf("jrn:iam::%s:role/%s", [id, name])

# bounded holds when the role has a permissions boundary that is not
# itself administrator-equivalent (or that rampart cannot read).
bounded(role, acct) if {
	role.boundary
	not admin_document(role.boundary, role, acct)
}

admin_document(ref, role, acct) if {
	d := docs[ref.file]
	some s in d.statements
	admin(s, d.dialect, role, acct)
}

# denied holds when a policy of the role denies every action on every
# resource without conditions.
denied(role) if {
	some ref in role.policies
	some s in docs[ref.file].statements
	s.deny
	count(s.conditions) == 0
	some a in s.action.values
	a.all
	every_resource(s)
}
