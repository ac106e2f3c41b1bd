package rampart.rules.privilege_escalation.pass_role_to_compute_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.pass_role_to_compute as rule

test_pass_any_role_to_new_instances if {
	rule.deny == {{
		"msg": "statement \"Pass\" allows iam:PassRole on arn:aws:iam::111122223333:role/*, and statement \"Launch\" allows ec2:RunInstances, lambda:Create* (lambda:CreateFunction): it can start compute that runs as any role it may pass, the most privileged included, and act with that role's permissions",
		"pointer": "/Statement/0/Action",
		"related": [{"msg": "statement \"Launch\" starts compute that runs as a passed role", "pointer": "/Statement/1/Action/0"}],
	}} with input as testing.policy("aws", "identity", [
		{"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/*"},
		{"Sid": "Launch", "Effect": "Allow", "Action": ["ec2:RunInstances", "lambda:Create*"], "Resource": "*"},
	])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "a": ["iam:Pass*", "glue:CreateDevEndpoint"], "r": "*", "want": "statement 0 allows iam:Pass* (iam:PassRole) on every resource, and also glue:CreateDevEndpoint"},
		{"d": "aws", "a": ["iam:*", "cloudformation:CreateStack"], "r": "arn:aws:iam::*:role/*", "want": "statement 0 allows iam:* (iam:PassRole) on arn:aws:iam::*:role/*, and also cloudformation:CreateStack"},
		{"d": "acs", "a": ["ram:PassRole", "ecs:RunInstances"], "r": "acs:ram:*:11223344:role/*", "want": "statement 0 allows ram:PassRole on acs:ram:*:11223344:role/*, and also ecs:RunInstances"},
		{"d": "acs", "a": ["ram:PassRole", "fc:Create*", "oos:StartExecution"], "r": "*", "want": "statement 0 allows ram:PassRole on every resource, and also fc:Create* (fc:CreateFunction, fc:CreateService), oos:StartExecution"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		startswith(f.msg, case.want)
		f.pointer == "/Statement/0/Action/0"
	}
}

test_passed_to_service if {
	# limited to the service of a compute action it has: still reported
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}},
		{"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"},
	])

	# limited to an unrelated service: removed
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}},
		{"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"},
	])
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [
		{"Effect": "Allow", "Action": "ram:PassRole", "Resource": "*", "Condition": {"StringEquals": {"ram:ServiceName": "ecs.aliyuncs.com"}}},
		{"Effect": "Allow", "Action": "fc:CreateFunction", "Resource": "*"},
	])

	# excluding the compute service: removed; excluding another: reported
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringNotEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
		{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"},
	])
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringNotEquals": {"iam:PassedToService": "glue.amazonaws.com"}}},
		{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"},
	])

	# in one statement the key also applies to the compute action, whose
	# requests lack it
	count(rule.deny) == 0 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*", "Condition": {"StringLike": {"iam:PassedToService": "ec2.*"}}}])
}

test_network_softens if {
	some f in rule.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": ["ram:PassRole", "ros:CreateStack"], "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}}])
	f.severity == "warning"
	endswith(f.msg, "limited only by source IP (acs:SourceIp)")
}

test_narrow_grants_pass if {
	every statements in [
		[{"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "arn:aws:iam::111122223333:role/app-web"}],
		[{"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "arn:aws:iam::111122223333:role/app-*"}],
		[{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}],
		[{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}],
		[{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*"}],
		[{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:ResourceTag/passable": "true"}}}, {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}],
		[{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}],
		[{"Effect": "Allow", "Action": "*", "Resource": "*"}],
		[{"Effect": "Allow", "NotAction": "iam:CreateUser", "Resource": "*"}],
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", statements)
	}
}

test_every_action_is_in_the_catalogue if {
	every dialect, services in rule.actions {
		every service, names in services {
			every name, kind in names {
				rampart.action(dialect, concat(":", [service, name])) != null
				rule.kinds[dialect][kind]
			}
		}
	}
	every dialect, services in rule.compute {
		every service, names in services {
			every name, _ in names {
				rampart.action(dialect, concat(":", [service, name])) != null
			}
		}
	}
}
