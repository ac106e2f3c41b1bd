# METADATA
# title: Access key kept though it is not used
# description: >-
#   An inventory user keeps an access key nobody uses: an active key the
#   inventory records as never used (last_used: never, or N/A as AWS's
#   credential report writes it) although it was created more than
#   unused_days ago (90 by default, as in AWS Config's
#   iam-user-unused-credentials-check and Alibaba Cloud Config's
#   ram-user-ak-used-expired-check), or an active key last used more
#   than unused_days ago. A deactivated key that is kept (active: false)
#   is a note: it works again as soon as someone allowed to update keys
#   switches it back on. A key whose last_used is not recorded is not
#   judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/iam-user-unused-credentials-check.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
#   - ref: https://www.alibabacloud.com/help/en/cloud-config/latest/k054yy
# custom:
#   id: HYG011
#   name: unused-access-key
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   options:
#     unused_days:
#       type: number
#       description: How many days without use make a key unused (default 90; the CIS AWS benchmark uses 45).
#   rationale: >-
#     A key nobody uses gives nothing and can still be stolen: from the
#     place it was pasted when it was created, from a forgotten
#     configuration file. Its owner is the last to notice when someone
#     else starts using it, since nothing of theirs breaks.
#   remediation: >-
#     Delete the key (deactivate it first if unsure, and delete it when
#     nothing complained), and remove it from the inventory.
package rampart.rules.hygiene.unused_access_key

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	some u in a.users
	some k in u.access_keys
	k.active
	never(k.last_used)
	why := unused_for(k.created)
	msg := sprintf("access key %s of user %s in %s has never been used%s: delete it", [key_name(k), u.name, name(a), why])
	f := result.finding_in(msg, a.file, concat("/", [k.pointer, "last_used"]))
}

aggregate contains f if {
	some a in input.accounts
	some u in a.users
	some k in u.access_keys
	k.active
	last := parse_date(k.last_used)
	days := floor((time.now_ns() - last) / day_ns)
	days > unused_days
	msg := sprintf("access key %s of user %s in %s was last used on %s, %d days ago: delete it if nothing needs it any more", [key_name(k), u.name, name(a), k.last_used, days])
	f := result.finding_in(msg, a.file, concat("/", [k.pointer, "last_used"]))
}

aggregate contains f if {
	some a in input.accounts
	some u in a.users
	some k in u.access_keys
	not k.active
	msg := sprintf("access key %s of user %s in %s is deactivated but kept: delete it; anyone allowed to update the user's keys can switch it back on", [key_name(k), u.name, name(a)])
	f := result.softer(result.finding_in(msg, a.file, concat("/", [k.pointer, "active"])), "info")
}

unused_days := d if {
	d := data.rampart.options.HYG011.unused_days
} else := 90

# never holds for the values an inventory or a credential report writes
# for a key that was never used.
never(v) if lower(v) in {"never", "n/a", "no"}

# unused_for says how long a never-used key has existed: undefined when it
# is younger than unused_days.
unused_for(created) := sprintf(" since it was created on %s, %d days ago", [created, days]) if {
	t := parse_date(created)
	days := floor((time.now_ns() - t) / day_ns)
	days > unused_days
} else := "" if {
	not parse_date(created)
}

day_ns := ((24 * 60) * 60) * 1000000000

# parse_date reads an RFC 3339 time or a date (taken as midnight UTC).
parse_date(v) := time.parse_rfc3339_ns(v) if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`, v)
} else := time.parse_ns("2006-01-02", v) if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, v)
}

key_name(k) := k.id if k.id != ""

key_name(k) := "(no id)" if k.id == ""

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
