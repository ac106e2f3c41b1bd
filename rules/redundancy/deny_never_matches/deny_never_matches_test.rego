package rampart.rules.redundancy.deny_never_matches_test

import data.rampart.lib.testing
import data.rampart.rules.redundancy.deny_never_matches

# 2026-12-01T00:00:00Z
now := 1796083200000000000

test_misspelt_actions if {
	deny_never_matches.deny == {{
		"msg": "statement \"ProtectTrail\" can never apply, so it blocks nothing: no action it names exists (cloudtrail:StopLoging, cloudtrail:DeleteTrails)",
		"pointer": "/Statement/0/Effect",
		"related": [{"msg": "the cause", "pointer": "/Statement/0/Action"}],
	}} with input as testing.policy("aws", "control", [{
		"Sid": "ProtectTrail", "Effect": "Deny", "Action": ["cloudtrail:StopLoging", "cloudtrail:DeleteTrails"], "Resource": "*",
	}])
}

test_every_cause if {
	every case in [
		{"d": "aws", "s": {"Effect": "Deny", "NotAction": ["iam:*", "*"], "Resource": "*"}, "m": "NotAction \"*\" excludes every action"},
		{"d": "aws", "s": {"Effect": "Deny", "Action": "s3:*", "NotResource": "*"}, "m": "NotResource \"*\" excludes every resource"},
		{"d": "acs", "s": {"Effect": "Deny", "Action": "oss:DeleteBucket", "Resource": ["arn:aws:s3:::backups"]}, "m": "belongs to another cloud (acs names start with acs:)"},
		{"d": "acs", "s": {"Effect": "Deny", "Action": "ram:Remove*Users", "Resource": "*"}, "m": "no action it names exists"},
		{"d": "aws", "s": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-06-30T00:00:00Z"}}}, "m": "which has passed"},
		{"d": "aws", "s": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}, "StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}}, "m": "StringNotEquals forbids"},
	] {
		some f in deny_never_matches.deny with input as testing.policy(case.d, "identity", [case.s]) with time.now_ns as now
		contains(f.msg, case.m)
	}
}

test_denies_that_can_apply_pass if {
	every case in [
		{"d": "aws", "s": {"Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrailz"], "Resource": "*"}},
		{"d": "aws", "s": {"Effect": "Deny", "Action": "cloudtrail:Stop*", "Resource": "*"}},
		# the acs catalogue does not list every ecs action
		{"d": "acs", "s": {"Effect": "Deny", "Action": "ecs:NoSuchAction", "Resource": "*"}},
		{"d": "acs", "s": {"Effect": "Deny", "Action": "oss:DeleteBucket", "Resource": ["arn:aws:s3:::backups", "acs:oss:*:*:backups"]}},
		{"d": "aws", "s": {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}},
		{"d": "aws", "s": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2027-06-30T00:00:00Z"}}}},
		{"d": "aws", "s": {"Effect": "Allow", "Action": "cloudtrail:StopLoging", "Resource": "*"}},
	] {
		count(deny_never_matches.deny) == 0 with input as testing.policy(case.d, "identity", [case.s]) with time.now_ns as now
	}
}

# Actions the catalogue knows nothing close to may be newer than it: a
# warning, not an error.
test_unknown_actions_without_a_near_name_are_warnings if {
	some f in deny_never_matches.deny with input as testing.policy("aws", "identity", [{"Effect": "Deny", "Action": "s3:ZzqxFrobnicate*", "Resource": "*"}])
	f.severity == "warning"
}
