# METADATA
# title: User with no permissions at all
# description: >-
#   An inventory user has no policy of its own, belongs to no group that
#   carries one, and no trust or resource policy of the repository names
#   it: it can do nothing. Such users are what is left when a person left
#   or a job moved; the note says whether it still has credentials (a
#   console password, an active access key). Off by default: some teams
#   keep users without permissions on purpose, waiting for a role to be
#   granted.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
#   - ref: https://www.alibabacloud.com/help/en/cloud-config/latest/k054yy
# custom:
#   id: HYG010
#   name: user-without-permissions
#   severity: info
#   dialects: [acs, jdcloud, aws]
#   default: "off"
#   rationale: >-
#     A user nobody uses still has a name, perhaps a password and keys,
#     and it is the easiest target for someone who wants a foothold:
#     nobody notices when it signs in, and one policy attached in a hurry
#     makes it useful. An inventory without such users is shorter to
#     review.
#   remediation: >-
#     Delete the user (its login profile and keys first) and remove it
#     from the inventory, or give it the group it was meant to have.
package rampart.rules.hygiene.user_without_permissions

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	some u in a.users
	count(u.policies) == 0
	not group_grants(a, u)
	not named(a, u)
	msg := sprintf("user %s of %s has no policies, is in no group that has any, %s", [u.name, name(a), credentials(u)])
	f := result.at_key(result.finding_in(msg, a.file, u.pointer))
}

group_grants(a, u) if {
	some n in u.groups
	some g in a.groups
	g.name == n.name
	count(g.policies) > 0
}

# named holds when a trust or resource policy of the workspace names the
# user by its ARN (any partition or path, ignoring case).
named(a, u) if named_users[lower(concat("/", [a.id, u.name]))]

# named_users are "account/name" (lower-cased) for every user a trust or
# resource policy names.
named_users contains lower(concat("/", [m[1], last(m[2])])) if {
	some d in input.documents
	d.kind in {"trust", "resource"}
	some s in d.statements
	some p in s.principal.entries
	contains(p.value, ":user/")
	some m in regex.find_all_string_submatch_n(`:([0-9]+):user/(.+)$`, p.value, 1)
}

last(path) := parts[count(parts) - 1] if parts := split(path, "/")

credentials(u) := sprintf("yet it %s: delete it if nobody uses it", [concat(" and ", cs)]) if {
	cs := [c |
		some c in ["can sign in to the console", "has an active access key"]
		has(u, c)
	]
	count(cs) > 0
} else := "and has no credentials either: delete it"

has(u, "can sign in to the console") if u.console

has(u, "has an active access key") if {
	some k in u.access_keys
	k.active
}

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
