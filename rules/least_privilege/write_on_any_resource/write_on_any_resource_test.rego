package rampart.rules.least_privilege.write_on_any_resource_test

import data.rampart.lib.testing
import data.rampart.rules.least_privilege.write_on_any_resource as rule

test_named_writes_on_every_resource if {
	rule.deny == {{
		"msg": "statement \"Uploads\" allows s3:PutObject (accesspointobject, object) on every resource, though it accepts named resources: name the resources instead",
		"pointer": "/Statement/0/Resource",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Uploads", "Effect": "Allow", "Action": ["s3:ListBucket", "s3:PutObject", "s3:CreateJob"], "Resource": "*"}])
}

test_actions_that_take_only_star_pass if {
	every actions in [["s3:CreateJob"], ["iam:CreateAccountAlias", "ec2:BundleInstance"], ["actiontrail:CreateTrail"]] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": actions, "Resource": "*"}])
		count(rule.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": actions, "Resource": "*"}])
	}
}

test_acs_instances_and_objects if {
	rule.deny == {{
		"msg": "statement 0 allows ecs:DeleteInstance (instance), oss:PutObject (object) on every resource, though they accept named resources: name the resources instead",
		"pointer": "/Statement/0/Resource/1",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["ecs:DeleteInstance", "oss:PutObject", "ecs:StopInstance"], "Resource": ["acs:ecs:*:*:instance/i-web*", "acs:*:*:*:*"]}])
}

test_many_actions_are_summed_up if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject", "s3:DeleteBucket", "dynamodb:PutItem", "dynamodb:DeleteItem", "ec2:TerminateInstances"], "Resource": "*"}])
	contains(f.msg, ", 2 more on every resource")
}

test_wildcards if {
	rule.deny == {{
		"msg": "statement 0 allows ecs:* (299 write actions) on every resource, though they include actions that accept named resources: name the resources instead",
		"pointer": "/Statement/0/Resource",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}])
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "dynamodb:Put*", "Resource": "*"}])
}

test_left_to_other_rules if {
	every s in [
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "sts:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "Action": ["cloudtrail:StopLogging", "kms:Decrypt"], "Resource": "*"},
		{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}

test_network_makes_it_informational if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}])
	f.severity == "info"
	endswith(f.msg, "limited only by source IP (aws:SourceIp)")
}

test_named_resources_and_scoped_pass if {
	every s in [
		{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::uploads/*"},
		{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::*/*"},
		{"Effect": "Allow", "Action": ["s3:GetObject", "ec2:DescribeInstances"], "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	every cond in [{"StringEquals": {"aws:ResourceTag/team": "web"}}, {"StringEquals": {"aws:ResourceAccount": "111122223333"}}] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": cond}])
		count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*"}])
	}
}
