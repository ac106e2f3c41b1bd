package rampart.rules.exfiltration.audit_trail_tampering_test

import data.rampart.lib.testing
import data.rampart.rules.exfiltration.audit_trail_tampering as rule

test_stop_logging_on_every_trail if {
	rule.deny == {{
		"msg": "statement \"Ops\" allows cloudtrail:StopLogging on every resource: it can stop or erase the audit trail these actions reach",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Ops", "Effect": "Allow", "Action": ["cloudtrail:DescribeTrails", "cloudtrail:StopLogging"], "Resource": "*"}])
}

test_service_wildcards if {
	rule.deny == {{
		"msg": "statement 0 allows actiontrail:* (actiontrail:DeleteDataEventSelector, actiontrail:DeleteTrail, actiontrail:StopLogging, actiontrail:UpdateTrail) on every resource: it can stop or erase the audit trail these actions reach",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "actiontrail:*", "Resource": "*"}])
}

test_every_trail_by_type_and_log_stores if {
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "cloudtrail:DeleteTrail", "Resource": "arn:aws:cloudtrail:*:111122223333:trail/*"}])
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "log:DeleteProject", "Resource": "acs:log:*:*:project/*"}])
	count(rule.deny) == 1 with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "logs:delete*", "Resource": "*"}])
}

test_log_deletion_is_a_warning if {
	rule.deny == {{
		"msg": "statement 0 allows logs:DeleteLogGroup on every resource: it can stop or erase the audit trail these actions reach",
		"pointer": "/Statement/0/Action",
		"severity": "warning",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "logs:DeleteLogGroup", "Resource": "*"}])
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "logs:DeleteLogGroup", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])
	f.severity == "info"
	some g in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["logs:DeleteLogGroup", "cloudtrail:DeleteTrail"], "Resource": "*"}])
	not g.severity
}

test_ip_softens if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "cloudtrail:StopLogging", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}])
	f.severity == "warning"
}

test_reads_and_named_trails_pass if {
	every s in [
		{"Effect": "Allow", "Action": ["cloudtrail:DescribeTrails", "cloudtrail:LookupEvents"], "Resource": "*"},
		{"Effect": "Allow", "Action": "cloudtrail:UpdateTrail", "Resource": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/sandbox"},
		{"Effect": "Allow", "Action": "logs:DeleteLogGroup", "Resource": "arn:aws:logs:eu-west-1:111122223333:log-group:/ci/preview-*"},
		{"Effect": "Allow", "Action": "cloudtrail:StopLogging", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "sandbox"}}},
		{"Effect": "Deny", "Action": "cloudtrail:*", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}

test_every_action_is_in_the_catalogue if {
	every dialect, services in rule.actions {
		every service, names in services {
			every name in names {
				rampart.action(dialect, concat(":", [service, name])) != null
			}
		}
	}
}
