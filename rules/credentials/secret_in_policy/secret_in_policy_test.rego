package rampart.rules.credentials.secret_in_policy_test

import data.rampart.lib.testing
import data.rampart.rules.credentials.secret_in_policy as rule

test_access_key_id_in_a_condition if {
	rule.deny == {{
		"msg": "the aws:UserAgent condition of statement \"Ci\" holds what looks like an AWS access key ID: policies name principals, not keys; remove it, and rotate the key if its secret was ever near it",
		"pointer": "/Statement/0/Condition/StringEquals/aws:UserAgent",
		"severity": "warning",
	}} with input as testing.policy("aws", "identity", [{
		"Sid": "Ci", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
		"Condition": {"StringEquals": {"aws:UserAgent": "deploy AKIAIOSFODNN7EXAMPLE"}},
	}])
}

test_password_in_a_sid_and_private_key_in_a_condition if {
	fs := rule.deny with input as testing.policy("acs", "identity", [
		{"Sid": "pwd=Hunter2", "Effect": "Allow", "Action": "ecs:StartInstance", "Resource": "*"},
		{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "*", "Condition": {"StringEquals": {"acs:UserAgent": ["ok", "-----BEGIN RSA PRIVATE KEY-----"]}}},
	])
	fs == {
		{"msg": "the Sid of statement 0 holds what looks like a password, secret key or token assignment: remove it and rotate the credential", "pointer": "/Statement/0/Sid"},
		{"msg": "the acs:UserAgent condition of statement 1 holds what looks like a private key: remove it and rotate the credential", "pointer": "/Statement/1/Condition/StringEquals/acs:UserAgent/1"},
	}
}

test_vendor_key_ids if {
	every case in [
		["acs", {"StringEquals": {"acs:UserAgent": "LTAI5tQ9xYz3AbCdEfGhIjKl"}}, "an Alibaba Cloud AccessKey ID"],
		["acs", {"StringEquals": {"acs:UserAgent": "STS.NUgYrLnoC37mZZCNnAbez2BZE"}}, "an Alibaba Cloud AccessKey ID"],
		["jdcloud", {"StringEquals": {"jdcloud:UserAgent": "JDC_1F473A47E2B3F396DE48920C80F2"}}, "a JD Cloud AccessKey ID"],
		["aws", {"StringLike": {"aws:Referer": "https://x/?t=ghp_abcdefghijklmnopqrstuvwxyz0123456789"}}, "a GitHub token"],
	] {
		some f in rule.deny with input as testing.policy(case[0], "identity", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": case[1]}])
		contains(f.msg, case[2])
	}
}

test_principal_and_id if {
	p := object.union(testing.policy("aws", "resource", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Principal": {"AWS": "ASIAY34FZKBOKMUTVV7A"}}]), {"id": "secret_key: abc"})
	fs := rule.deny with input as p
	count(fs) == 2
	some f in fs
	f.pointer == "/Id"
	some g in fs
	g.pointer == "/Statement/0/Principal/AWS"
}

test_ordinary_text_passes if {
	every s in [
		{"Sid": "AllowPasswordChange", "Effect": "Allow", "Action": "iam:ChangePassword", "Resource": "arn:aws:iam::*:user/${aws:username}"},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:userid": "AROAEXAMPLEROLEID0000:*"}}},
		{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-password-*"},
		{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:EncryptionContext:token": "billing"}}},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}

# Key pairs pasted from a credentials file or a console download.
test_secret_key_assignments if {
	every text in [
		"aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		"AWS_SECRET_ACCESS_KEY = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		"AccessKeySecret: 0123456789abcdefEXAMPLE",
		"access_key_secret=0123456789abcdefEXAMPLE",
	] {
		some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:UserAgent": text}}}])
		contains(f.msg, "a password, secret key or token assignment")
	}
}
