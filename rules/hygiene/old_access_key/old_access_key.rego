# METADATA
# title: Active access key older than the account allows
# description: >-
#   An inventory user's access key is active and was created longer ago
#   than the account's access_key_max_age_days, or 90 days when the
#   inventory sets none (the default of AWS Config's access-keys-rotated and
#   Alibaba Cloud Config's ram-user-ak-create-date-expired-check). Keys whose creation date is
#   missing or not a date (RFC 3339 or YYYY-MM-DD) are not judged, nor are
#   keys never used, which unused-access-key (HYG011) asks to delete rather
#   than rotate. The age is counted to the time of the run.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/access-keys-rotated.html
#   - ref: https://www.alibabacloud.com/help/en/cloud-config/latest/o4240s
# custom:
#   id: HYG008
#   name: old-access-key
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A long-lived key has had years to end up in a laptop backup, a CI
#     log, a container image or a former colleague's shell history. Every
#     day it stays valid is a day a copy nobody knows about still works;
#     rotation puts a bound on that.
#   remediation: >-
#     Create a second key, move its users to it, deactivate the old one,
#     and delete it once nothing fails; record the new key in the
#     inventory. Better still, replace the key by a role the program
#     assumes, so there is no long-lived key at all.
package rampart.rules.hygiene.old_access_key

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	some u in a.users
	some k in u.access_keys
	k.active
	not lower(k.last_used) in {"never", "n/a", "no"}
	created := parse_date(k.created)
	days := floor((time.now_ns() - created) / day_ns)
	limit := max_age(a)
	days > limit.days
	msg := sprintf("access key %s of user %s in %s was created on %s, %d days ago, and is still active: rotate it; %s", [key_name(k), u.name, name(a), k.created, days, limit.why])
	f := result.finding_in(msg, a.file, concat("/", [k.pointer, "created"]))
}

day_ns := ((24 * 60) * 60) * 1000000000

max_age(a) := {"days": a.access_key_max_age_days, "why": sprintf("the account allows %d days (access_key_max_age_days)", [a.access_key_max_age_days])} if {
	a.access_key_max_age_days > 0
} else := {"days": 90, "why": "keys should be rotated every 90 days (set access_key_max_age_days to choose another period)"}

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
