package rampart.rules.privilege_escalation.compute_hijack_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.compute_hijack as rule

test_update_every_function if {
	rule.deny == {{
		"msg": "statement \"Deploy\" allows lambda:UpdateFunctionCode on arn:aws:lambda:*:111122223333:function:*: it can run code of its own in every function or instance these actions reach, with the role attached to it",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Deploy", "Effect": "Allow", "Action": ["lambda:GetFunction", "lambda:UpdateFunctionCode"], "Resource": "arn:aws:lambda:*:111122223333:function:*"}])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "a": "lambda:Update*", "r": "*", "want": "lambda:Update* (lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration) on every resource"},
		{"d": "aws", "a": "glue:Update*", "r": "arn:aws:glue:*:*:devEndpoint/*", "want": "glue:Update* (glue:UpdateDevEndpoint) on arn:aws:glue:*:*:devEndpoint/*"},
		{"d": "aws", "a": "ec2:ModifyInstanceAttribute", "r": "arn:aws:ec2:*:*:instance/*", "want": "ec2:ModifyInstanceAttribute on arn:aws:ec2:*:*:instance/*"},
		{"d": "acs", "a": "fc:UpdateFunction", "r": "acs:fc:*:11223344:services/*/functions/*", "want": "fc:UpdateFunction on acs:fc:*:11223344:services/*/functions/*"},
		{"d": "acs", "a": "fc:Update*", "r": "acs:fc:*:11223344:functions/*", "want": "fc:Update* (fc:UpdateFunction) on acs:fc:*:11223344:functions/*"},
		{"d": "acs", "a": "ecs:*", "r": "acs:ecs:*:*:instance/*", "want": "ecs:* (ecs:ModifyInstanceAttribute, ecs:ReplaceSystemDisk) on acs:ecs:*:*:instance/*"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		contains(f.msg, concat(" allows ", ["statement 0", case.want]))
		f.pointer == "/Statement/0/Action"
	}
}

test_mfa_makes_it_information if {
	some f in rule.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ecs:ReplaceSystemDisk", "Resource": "*", "Condition": {"Bool": {"acs:MFAPresent": "true"}}}])
	f.severity == "info"
	endswith(f.msg, "limited only by MFA (acs:MFAPresent)")
}

test_narrow_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "arn:aws:lambda:eu-west-1:111122223333:function:app-api"},
		{"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "arn:aws:lambda:*:111122223333:function:app-*"},
		{"Effect": "Allow", "Action": "ec2:ModifyInstanceAttribute", "Resource": "arn:aws:ec2:*:*:volume/*"},
		{"Effect": "Allow", "Action": "ec2:ModifyInstanceAttribute", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "dev"}}},
		{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "lambda:UpdateFunctionCode", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	every s in [
		{"Effect": "Allow", "Action": "fc:UpdateFunction", "Resource": "acs:fc:*:11223344:services/app/functions/*"},
		{"Effect": "Allow", "Action": "ecs:ModifyInstanceAttribute", "Resource": "acs:ecs:*:*:instance/*", "Condition": {"StringEquals": {"ecs:tag/env": "dev"}}},
	] {
		count(rule.deny) == 0 with input as testing.policy("acs", "identity", [s])
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
}
