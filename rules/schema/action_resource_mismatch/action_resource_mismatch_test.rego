package rampart.rules.schema.action_resource_mismatch_test

import data.rampart.lib.testing
import data.rampart.rules.schema.action_resource_mismatch

test_object_action_on_bucket if {
	action_resource_mismatch.deny == {{
		"msg": "statement \"Reports\": s3:GetObject applies to accesspointobject or object names (arn:${Partition}:s3:::${BucketName}/${ObjectName}), but statement \"Reports\" names none: the statement never grants it",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{
		"Sid": "Reports", "Effect": "Allow",
		"Action": ["s3:ListBucket", "s3:GetObject"],
		"Resource": "arn:aws:s3:::reports",
	}])
}

test_star_only_action_and_deny if {
	action_resource_mismatch.deny == {{
		"msg": "statement 0: s3:ListAllMyBuckets accepts only Resource \"*\" by the aws catalogue, but statement 0 names other resources: this Deny does not block it unless the service authorizes it by name",
		"pointer": "/Statement/0/Action",
		"severity": "info",
	}} with input as testing.policy("aws", "control", [{"Effect": "Deny", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::reports"}])
}

test_acs_user_action_on_role if {
	action_resource_mismatch.deny == {{
		"msg": "statement 0: ram:CreateAccessKey applies to user names (acs:ram:*:${AccountId}:user/${UserName}), but statement 0 names none: the statement never grants it",
		"pointer": "/Statement/0/Action/0",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["ram:CreateAccessKey", "ram:GetRole"], "Resource": "acs:ram:*:1234567890123456:role/deploy"}])
}

test_fitting_and_unchecked_pass if {
	every case in [
		{"d": "aws", "a": ["s3:ListBucket", "s3:GetObject"], "r": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
		{"d": "aws", "a": ["s3:GetObject"], "r": ["arn:aws:s3:::home/${aws:username}/*"]},
		{"d": "aws", "a": ["s3:ListAllMyBuckets", "s3:GetObject"], "r": ["*"]},
		{"d": "aws", "a": ["s3:Get*"], "r": ["arn:aws:s3:::reports"]},
		{"d": "aws", "a": ["iam:PassRole"], "r": ["arn:aws:iam::*:role/app-*"]},
		# a name of another dialect is SCH005's
		{"d": "aws", "a": ["s3:GetObject"], "r": ["acs:oss:*:*:reports"]},
		{"d": "acs", "a": ["oss:GetObject"], "r": ["acs:oss:*:*:reports/*"]},
		{"d": "acs", "a": ["sts:AssumeRole"], "r": ["acs:ram:*:1234567890123456:role/deploy"]},
		# resource types unknown for the action: not checked
		{"d": "acs", "a": ["ecs:DescribeInstances"], "r": ["acs:oss:*:*:reports"]},
		{"d": "jdcloud", "a": ["vm:describeInstances"], "r": ["jrn:oss:*:*:reports"]},
	] {
		count(action_resource_mismatch.deny) == 0 with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
	}
}
