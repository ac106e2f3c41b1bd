package rampart.rules.schema.unknown_condition_key_test

import data.rampart.lib.testing
import data.rampart.rules.schema.unknown_condition_key

test_aws_typos_and_inapplicable_keys if {
	unknown_condition_key.deny == {
		{
			"msg": "statement \"Reports\" tests aws:SoruceIp, which is not a condition key of AWS: the request never carries it, so the condition is never true and the statement never applies",
			"pointer": "/Statement/0/Condition/IpAddress/aws:SoruceIp",
			"target": "key",
		},
		{
			"msg": "statement \"Reports\" tests s3:prefixes, which the aws catalogue does not have among s3's keys: the request never carries it, so the condition is never true and the statement never applies",
			"pointer": "/Statement/0/Condition/StringLike/s3:prefixes",
			"target": "key",
		},
		{
			"msg": "statement \"Reports\" tests s4:prefix, but the aws catalogue has no service s4: the request never carries it, so the condition is never true and the statement never applies",
			"pointer": "/Statement/0/Condition/StringLike/s4:prefix",
			"target": "key",
		},
		{
			"msg": "statement \"Reports\" tests s3:delimiter, a key of s3 that the aws catalogue lists for none of the statement's actions (s3:GetObject, s3:PutObject): if none takes it, the request never carries it and the condition always holds (a negated operator on an absent key)",
			"pointer": "/Statement/0/Condition/StringNotEquals/s3:delimiter",
			"target": "key",
			"severity": "info",
		},
	} with input as testing.policy("aws", "identity", [{
		"Sid": "Reports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*",
		"Condition": {
			"IpAddress": {"aws:SoruceIp": "203.0.113.0/24", "aws:SourceIP": "203.0.113.0/24"},
			"StringLike": {"s3:prefixes": "x/*", "s4:prefix": "x/*", "s3:x-amz-acl": "private"},
			"StringNotEquals": {"s3:delimiter": "/"},
			"StringEquals": {"s3:ExistingObjectTag/env": "prod", "aws:PrincipalTag/team": "ops"},
		},
	}])
}

test_acs_and_jdcloud_global_keys if {
	unknown_condition_key.deny == {{
		"msg": "statement 0 tests acs:PrincipalARN, which is not a condition key of Alibaba Cloud RAM: the request never carries it, so the condition always holds (IfExists on an absent key)",
		"pointer": "/Statement/0/Condition/StringLikeIfExists/acs:PrincipalARN",
		"target": "key",
	}} with input as testing.policy("acs", "identity", [{
		"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
		"Condition": {"StringLikeIfExists": {"acs:PrincipalARN": "x", "acs:SourceVpc": "vpc-1", "oss:Unknown": "x"}},
	}])
	count(unknown_condition_key.deny) == 1 with input as testing.policy("jdcloud", "identity", [{
		"Effect": "Allow", "Action": "vm:*", "Resource": "*",
		"Condition": {"StringEquals": {"jdcloud:SourceIP": "x", "JDCloud:ResourceTag/team": "ops", "jdcloud:UserName": "x"}},
	}])
}

test_keys_that_apply_pass if {
	every s in [
		{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/*"}}},
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/*"}}},
		{"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringEquals": {"ec2:ResourceTag/team": "ops"}}},
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
		{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "x"}}},
		{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "x"}}},
	] {
		count(unknown_condition_key.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	count(unknown_condition_key.deny) == 0 with input as testing.policy("aws", "trust", [{
		"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
		"Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
		"Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:lantern/*"}},
	}])
}
