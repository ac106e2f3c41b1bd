package rampart.rules.trust.wildcard_principal_weak_condition_test

import data.rampart.lib.testing
import data.rampart.rules.trust.wildcard_principal_weak_condition as rule

public(dialect, principal, cond) := testing.policy(dialect, "resource", [{
	"Sid": "Web", "Effect": "Allow", "Principal": principal, "Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::site/*", "Condition": cond,
}])

test_referer_is_not_an_identity if {
	rule.deny == {{
		"msg": "statement \"Web\" grants s3:GetObject to everyone: its conditions (aws:Referer, aws:SecureTransport) do not say who the caller is, so anyone can meet them",
		"pointer": "/Statement/0/Principal",
	}} with input as public("aws", "*", {
		"StringLike": {"aws:Referer": "https://www.example.com/*"},
		"Bool": {"aws:SecureTransport": "true"},
	})
}

test_source_ip_alone_is_a_warning if {
	rule.deny == {{
		"msg": "statement \"Web\" grants s3:GetObject to everyone whose requests come from 198.51.100.0/24, 203.0.113.0/24: an address range says where callers are, not who they are",
		"pointer": "/Statement/0/Principal/AWS",
		"severity": "warning",
	}} with input as public("aws", {"AWS": "*"}, {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}})
}

test_conditions_that_look_binding_but_are_not if {
	every cond in [
		{"StringLike": {"aws:PrincipalOrgID": "*"}},
		{"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}},
		{"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}},
		{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "o-abc/r-1/*"}},
		{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/reader"}},
		{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
		{"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}},
		{"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
	] {
		some f in rule.deny with input as public("aws", "*", cond)
		not f.severity
	}
}

test_oss_everyone_with_user_agent if {
	rule.deny == {{
		"msg": "statement 0 grants oss:GetObject to everyone: its conditions (acs:UserAgent) do not say who the caller is, so anyone can meet them",
		"pointer": "/Statement/0/Principal",
	}} with input as testing.policy("acs", "resource", [{
		"Effect": "Allow", "Principal": [], "Action": "oss:GetObject", "Resource": "acs:oss:*:*:b/*",
		"Condition": {"StringEquals": {"acs:UserAgent": "partner-sync/2.1"}},
	}])
}

test_binding_conditions_pass if {
	every cond in [
		{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
		{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}, "Bool": {"aws:SecureTransport": "true"}},
		{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::uploads"}},
		{"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.us-east-1.amazonaws.com"}},
		{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-prod/*"}},
		{"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}},
	] {
		count(rule.deny) == 0 with input as public("aws", "*", cond)
	}
	count(rule.deny) == 0 with input as testing.policy("acs", "resource", [{
		"Effect": "Allow", "Principal": ["*"], "Action": "oss:GetObject", "Resource": "acs:oss:*:*:b/*",
		"Condition": {"StringEquals": {"acs:SourceVpc": "vpc-2ze1a2b3c4"}},
	}])
}

test_no_condition_named_principal_deny_and_guard_pass if {
	every doc in [
		public("aws", "*", {}),
		public("aws", {"AWS": "111122223333"}, {"Bool": {"aws:SecureTransport": "true"}}),
		testing.policy("aws", "resource", [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]),
		testing.policy("aws", "resource", [
			{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
			{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}},
		]),
	] {
		count(rule.deny) == 0 with input as doc
	}
}
