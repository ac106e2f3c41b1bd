# METADATA
# title: Time window has already closed
# description: >-
#   A condition limits the statement to requests before a date
#   (DateLessThan or DateLessThanEquals on acs:CurrentTime,
#   aws:CurrentTime, aws:EpochTime or jdcloud:CurrentTime) and every date
#   it gives is in the past. An Allow with such a window grants nothing any
#   more; a Deny no longer blocks anything. Dates are compared with the
#   time of the run.
# custom:
#   id: CND014
#   name: expired-time-window
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Time windows are written for a migration, a contractor or an
#     incident, and forgotten. An expired Allow is dead weight that
#     confuses reviews (and is sometimes "fixed" by widening it); an
#     expired Deny is a guardrail everybody believes in that stopped
#     working on the day in the condition.
#   remediation: >-
#     Delete the statement if the window was meant to close, or move the
#     date if the access or the guardrail is still needed.
package rampart.rules.conditions.expired_time_window

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some c in s.conditions
	c.base_lower in {"datelessthan", "datelessthanequals"}
	time_key(c)
	count(c.values) > 0
	times := [t | some v in c.values; t := parse_time(v.value)]
	count(times) == count(c.values)
	every t in times {
		t < time.now_ns()
	}
	msg := sprintf("%s applies only before %s, which has passed: %s", [iam.label(s), concat(" or ", [v.value | some v in c.values]), consequence(s)])
	f := result.finding(msg, c.pointer)
}

time_key(c) if iam.global_key(input.dialect, c, "currenttime")

time_key(c) if {
	input.dialect == "aws"
	c.key_lower == "aws:epochtime"
}

# parse_time reads the forms the dialects accept: RFC 3339, a date, a date
# and time without zone (UTC), or epoch seconds.
parse_time(v) := time.parse_rfc3339_ns(v) if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`, v)
}

parse_time(v) := time.parse_ns("2006-01-02", v) if regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, v)

parse_time(v) := time.parse_ns("2006-01-02T15:04:05", v) if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$`, v)
}

parse_time(v) := to_number(v) * 1000000000 if regex.match(`^[0-9]{1,12}$`, v)

consequence(s) := "this Deny no longer blocks anything" if {
	s.deny
} else := "this statement no longer grants anything"
