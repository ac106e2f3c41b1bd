# METADATA
# title: Allow sets sign-in credentials of every user
# description: >-
#   An Allow statement grants an action that gives another user a
#   credential the caller chooses or receives, on every resource or on
#   every user (user/*): a console password (iam:UpdateLoginProfile in
#   aws, ram:UpdateLoginProfile and ims:UpdateLoginProfile in acs), an SSH
#   public key for CodeCommit (iam:UploadSSHPublicKey) or an X.509 signing
#   certificate (iam:UploadSigningCertificate). CR001 already reports the
#   actions whose response holds a credential or that create one
#   (CreateAccessKey, UpdateAccessKey, CreateLoginProfile, and JD Cloud's
#   iam:createSubUserAccessKey and iam:enableSubUserAccessKey) at the same
#   place; this rule reports the rest of the ways to take over a user, so
#   a statement is never reported twice for one action, and JD Cloud,
#   whose catalogue has no action beyond CR001's, is not checked.
#   Wildcards such as iam:* or ram:*LoginProfile count with the actions
#   they include; "*" is LP001's. Self-service names such as
#   user/${aws:username} pass, as do users named, a family of names
#   (user/ci-*) and resource tag conditions; a source IP range, a VPC or
#   MFA makes the finding informational.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_credentials_console.html
#   - ref: https://www.alibabacloud.com/help/en/ram/developer-reference/api-ims-2019-08-15-updateloginprofile
# custom:
#   id: PE003
#   name: credential-minting-for-others
#   severity: warning
#   dialects: [acs, aws]
#   kinds: [identity]
#   rationale: >-
#     Whoever may reset any user's console password or add a key to any
#     user can sign in as the most privileged user of the account. It is a
#     warning, not an error, because it needs a user with more permissions
#     than the caller and leaves a trace the user may notice (the old
#     password stops working); it is still a step to administrator.
#   remediation: >-
#     Let users manage their own password and keys (Resource
#     user/${aws:username}); keep resetting other users' passwords with an
#     administrator role used with MFA, or name the users a help desk
#     serves (user/staff/*) and keep administrators out of that path.
package rampart.rules.privilege_escalation.credential_minting_for_others

import data.rampart.lib.iam
import data.rampart.lib.result
import data.rampart.rules.credentials.credential_exposure

# actions are the actions that set or mint a credential of a user, by
# dialect and service, each with the kind of resource it changes. Those
# CR001 reports are left to it (see elsewhere).
actions := {
	"aws": {"iam": {
		"CreateAccessKey": "user", "UpdateAccessKey": "user", "CreateLoginProfile": "user", "UpdateLoginProfile": "user",
		"UploadSSHPublicKey": "user", "UploadSigningCertificate": "user",
	}},
	"acs": {
		"ram": {"CreateAccessKey": "user", "UpdateAccessKey": "user", "CreateLoginProfile": "user", "UpdateLoginProfile": "user"},
		"ims": {"CreateAccessKey": "user", "UpdateAccessKey": "user", "CreateLoginProfile": "user", "UpdateLoginProfile": "user"},
	},
}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names does.
# Alibaba's IMS actions name RAM resources.
kinds := {
	"aws": {"user": [{"service": "iam", "names": ["user/a", "user/Admin_2.x", "user/path/to/u"]}]},
	"acs": {"user": [{"service": "ram", "names": ["user/a", "user/Admin_2.x"]}]},
}

# elsewhere holds for an action CR001 reports.
elsewhere(service, name) if name in credential_exposure.actions[input.dialect][service]

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
	f := finding(s, hits)
}

# relevant holds for a statement with an action of a service the rule
# knows actions of: a cheap test before the others.
relevant(s) if {
	some a in s.action.values
	actions[input.dialect][a.service]
}

# granted are the rule's actions an action value grants, by name: the
# action itself, or those its wildcard matches, without CR001's. "*" is
# LP001's.
granted(a, table) := [n |
	some n, _ in table
	lower(n) == lower(a.name)
	not elsewhere(a.service, n)
] if {
	not a.wildcard
} else := [n |
	some n, _ in table
	rampart.glob(a.name, n, true)
	not elsewhere(a.service, n)
] if {
	not a.all
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

# scoped holds when a resource tag condition limits which users the
# statement reaches.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	contains(c.key_lower, ":resourcetag/")
}

# finding reports the statement at its first granting action value;
# information when a condition narrows who can use it and from where.
finding(s, hits) := result.finding(message(s, hits, ""), hits[0][0].pointer) if {
	count(limits(s)) == 0
} else := result.softer(result.finding(message(s, hits, sprintf(", limited only by %s", [concat(" and ", sort(limits(s)))])), hits[0][0].pointer), "info")

message(s, hits, limited) := sprintf("%s allows %s on %s: it can set a password or key of any user these actions reach and sign in as the most privileged of them%s", [iam.label(s), grants(hits), places(hits), limited])

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
