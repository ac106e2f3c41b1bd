# METADATA
# title: Group without members
# description: >-
#   An inventory group has no members: no user of the account lists it
#   under groups. When the group carries policies, the note names them:
#   whoever is added to the group later gets them at once, without the
#   review a new grant would get.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_delete.html
#   - ref: https://docs.jdcloud.com/en/iam/user-overview
# custom:
#   id: HYG012
#   name: empty-group
#   severity: info
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Empty groups are what is left of reorganisations and departed
#     teams. They make the inventory longer to review, and one that still
#     carries an administrator policy is a ready-made escalation: adding a
#     user to a group is a small change that is easy to approve.
#   remediation: >-
#     Delete the group (detach its policies first) and remove it from the
#     inventory. If it is about to be used, keep it and say so in its
#     description.
package rampart.rules.hygiene.empty_group

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	some g in a.groups
	count(g.members) == 0
	f := result.at_key(result.finding_in(message(a, g), a.file, g.pointer))
}

message(a, g) := sprintf("group %s of %s has no members but carries %s: whoever is added to it gets them; delete it if it is no longer used", [g.name, name(a), concat(", ", [r.text | some r in g.policies])]) if {
	count(g.policies) > 0
} else := sprintf("group %s of %s has no members and no policies: delete it", [g.name, name(a)])

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
