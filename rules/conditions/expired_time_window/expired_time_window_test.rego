package rampart.rules.conditions.expired_time_window_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.expired_time_window

# 2026-12-01T00:00:00Z
now := 1796083200000000000

window(dialect, effect, op, key, value) := testing.policy(dialect, "identity", [{
	"Sid": "Window", "Effect": effect, "Action": "*", "Resource": "*",
	"Condition": {op: {key: value}},
}])

test_closed_allow_window if {
	expired_time_window.deny == {{
		"msg": "statement \"Window\" applies only before 2026-06-30T23:59:59Z, which has passed: this statement no longer grants anything",
		"pointer": "/Statement/0/Condition/DateLessThan/acs:CurrentTime",
	}} with input as window("acs", "Allow", "DateLessThan", "acs:CurrentTime", "2026-06-30T23:59:59Z")
		with time.now_ns as now
}

test_closed_deny_window if {
	some f in expired_time_window.deny with input as window("aws", "Deny", "DateLessThanEquals", "aws:CurrentTime", ["2025-01-01", "2026-01-01T00:00:00+08:00"])
		with time.now_ns as now
	endswith(f.msg, "only before 2025-01-01 or 2026-01-01T00:00:00+08:00, which has passed: this Deny no longer blocks anything")
}

test_forms_of_a_time if {
	every case in [
		{"d": "aws", "k": "aws:EpochTime", "v": "1700000000"},
		{"d": "jdcloud", "k": "JDCloud:CurrentTime", "v": "2026-11-30T12:00:00"},
		{"d": "acs", "k": "ACS:currenttime", "v": "2026-11-30"},
	] {
		count(expired_time_window.deny) == 1 with input as window(case.d, "Allow", "DateLessThan", case.k, case.v) with time.now_ns as now
	}
}

test_open_and_other_windows_pass if {
	every case in [
		{"op": "DateLessThan", "k": "acs:CurrentTime", "v": "2027-01-01T00:00:00Z"},
		{"op": "DateLessThan", "k": "acs:CurrentTime", "v": ["2020-01-01T00:00:00Z", "2027-01-01T00:00:00Z"]},
		{"op": "DateGreaterThan", "k": "acs:CurrentTime", "v": "2020-01-01T00:00:00Z"},
		{"op": "DateLessThan", "k": "acs:TokenIssueTime", "v": "2020-01-01T00:00:00Z"},
		{"op": "DateLessThan", "k": "acs:CurrentTime", "v": "not a date"},
	] {
		count(expired_time_window.deny) == 0 with input as window("acs", "Allow", case.op, case.k, case.v) with time.now_ns as now
	}
}
