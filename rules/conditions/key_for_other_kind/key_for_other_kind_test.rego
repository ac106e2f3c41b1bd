package rampart.rules.conditions.key_for_other_kind_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.key_for_other_kind

test_external_id_in_a_bucket_policy if {
	key_for_other_kind.deny == {{
		"msg": "sts:ExternalId exists only in STS calls, and the statement names no STS action: it is never present here, so statement \"Vendor\" never applies",
		"pointer": "/Statement/0/Condition/StringEquals/sts:ExternalId",
		"target": "key",
	}} with input as testing.policy("aws", "resource", [{
		"Sid": "Vendor", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*",
		"Condition": {"StringEquals": {"sts:ExternalId": "7f3c"}},
	}])
}

test_federation_keys_outside_trust if {
	every case in [
		{"d": "aws", "c": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}}, "m": "never applies"},
		{"d": "aws", "c": {"StringNotEquals": {"saml:aud": "https://signin.aws.amazon.com/saml"}}, "m": "always holds"},
		{"d": "acs", "c": {"StringEquals": {"oidc:aud": "sts.aliyuncs.com"}}, "m": "never applies"},
	] {
		some f in key_for_other_kind.deny with input as testing.policy(case.d, "identity", [{
			"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": case.c,
		}])
		contains(f.msg, "federated AssumeRole calls")
		contains(f.msg, case.m)
	}
}

test_service_key_in_a_trust_policy if {
	some f in key_for_other_kind.deny with input as testing.policy("aws", "trust", [{
		"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sts:AssumeRole",
		"Condition": {"StringLike": {"s3:prefix": "home/*"}},
	}])
	contains(f.msg, "s3:prefix is a key of s3 requests, and a trust policy decides only STS calls")
}

test_own_account_in_an_identity_policy_is_info if {
	some f in key_for_other_kind.deny with input as testing.policy("aws", "identity", [{
		"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3"}},
	}])
	f.severity == "info"
}

test_keys_where_they_belong_pass if {
	every p in [
		testing.policy("aws", "trust", [{
			"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
			"Action": "sts:AssumeRoleWithWebIdentity",
			"Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "sts:ExternalId": "x", "aws:PrincipalOrgID": "o-1", "iam:ResourceTag/team": "a"}},
		}]),
		testing.policy("aws", "identity", [{
			"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*",
			"Condition": {"StringEquals": {"sts:RoleSessionName": "${aws:username}"}},
		}]),
		testing.policy("aws", "resource", [{
			"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
			"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}},
		}]),
		testing.policy("aws", "control", [{
			"Effect": "Deny", "Action": "*", "Resource": "*",
			"Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}},
		}]),
		testing.policy("aws", "identity", [{
			"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
			"Condition": {"Null": {"aws:PrincipalOrgID": "false"}, "StringEquals": {"aws:SourceVpc": "vpc-1"}},
		}]),
	] {
		count(key_for_other_kind.deny) == 0 with input as p
	}
}
