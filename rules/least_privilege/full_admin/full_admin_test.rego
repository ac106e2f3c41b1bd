package rampart.rules.least_privilege.full_admin_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.full_admin

test_bare_star_is_an_error if {
	full_admin.deny == {{"msg": "statement \"All\" allows every action on every resource", "pointer": "/Statement/0/Action"}} with input as testing.policy("acs", "identity", [
		{"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"},
	])
}

test_list_values_point_at_the_wildcard if {
	full_admin.deny == {{"msg": "statement 0 allows every action on every resource", "pointer": "/Statement/0/Action/1"}} with input as testing.policy("jdcloud", "identity", [
		{"Effect": "Allow", "Action": ["vm:describeInstances", "*:*"], "Resource": ["jrn:vm:*:*:*", "*"]},
	])
}

test_every_resource_by_name if {
	every name in ["acs:*:*:*:*", "acs:*:*:*:*:*"] {
		count(full_admin.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "*", "Resource": name}])
	}
}

test_aws_partition_may_be_literal if {
	count(full_admin.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:*:*:*:*"}])
}

test_office_ip_and_mfa_soften_to_a_warning if {
	full_admin.deny == {{
		"msg": "statement \"Office\" allows every action on every resource, limited only by MFA (acs:MFAPresent) and source IP (acs:SourceIp)",
		"pointer": "/Statement/0/Action",
		"severity": "warning",
	}} with input as testing.policy("acs", "identity", [{
		"Sid": "Office", "Effect": "Allow", "Action": "*", "Resource": "*",
		"Condition": {"IpAddress": {"acs:SourceIp": "203.0.113.0/24"}, "Bool": {"acs:MFAPresent": "true"}},
	}])
}

test_aws_mfa_key if {
	some f in full_admin.deny with input as testing.policy("aws", "identity", [{
		"Effect": "Allow", "Action": "*", "Resource": "*",
		"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
	}])
	f.severity == "warning"
}

test_conditions_that_do_not_narrow_keep_the_error if {
	every cond in [
		{"NotIpAddress": {"acs:SourceIp": "203.0.113.0/24"}},
		{"Bool": {"acs:MFAPresent": "false"}},
		{"BoolIfExists": {"acs:MFAPresent": "true"}},
		{"StringEquals": {"acs:UserAgent": "terraform"}},
	] {
		some f in full_admin.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": cond}])
		not f.severity
	}
}

test_scoped_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "ecs:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "acs:oss:*:*:reports/*"},
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "ram:*", "Resource": "*"},
	] {
		count(full_admin.deny) == 0 with input as testing.policy("acs", "identity", [s])
	}
}
