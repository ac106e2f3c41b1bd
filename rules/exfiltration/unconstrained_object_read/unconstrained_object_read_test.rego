package rampart.rules.exfiltration.unconstrained_object_read_test

import data.rampart.lib.testing
import data.rampart.rules.exfiltration.unconstrained_object_read as rule

test_get_object_on_every_resource if {
	rule.deny == {{
		"msg": "statement \"Read\" allows s3:GetObject on every resource: it can download every object of every bucket",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Read", "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "*"}])
}

test_wildcards_name_what_they_include if {
	rule.deny == {{
		"msg": "statement 0 allows oss:Get* (oss:GetObject, oss:GetObjectVersion) on acs:oss:*:*:*/* (every bucket): it can download every object of every bucket",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "oss:Get*", "Resource": ["acs:oss:*:*:reports/*", "acs:oss:*:*:*/*"]}])
}

test_service_wildcard_and_jdcloud if {
	some f in rule.deny with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "oss:*", "Resource": "jrn:oss:*:*:*"}])
	f.msg == "statement 0 allows oss:* (oss:GetObject) on jrn:oss:*:*:* (every bucket): it can download every object of every bucket"
}

test_office_network_makes_it_informational if {
	rule.deny == {{
		"msg": "statement 0 allows s3:GetObject on every resource: it can download every object of every bucket, limited only by source IP (aws:SourceIp)",
		"pointer": "/Statement/0/Action",
		"severity": "info",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}])
}

test_not_resource_reaches_everything if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:GetObjectVersion", "NotResource": "arn:aws:s3:::secret/*"}])
	contains(f.msg, "on every resource but those NotResource lists")
}

test_named_buckets_and_scoped_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports-*/*"},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:ExistingObjectTag/class": "public"}}},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:ec2:*:*:*"},
		{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:PutObject"], "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "s3:PutObject", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}

test_negated_or_if_exists_tags_do_not_scope if {
	every cond in [
		{"StringNotEquals": {"aws:ResourceTag/class": "secret"}},
		{"StringEqualsIfExists": {"aws:ResourceTag/team": "data"}},
	] {
		count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": cond}])
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
