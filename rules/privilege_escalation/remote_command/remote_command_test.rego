package rampart.rules.privilege_escalation.remote_command_test

import data.rampart.lib.testing
import data.rampart.rules.privilege_escalation.remote_command as rule

test_commands_on_every_instance if {
	rule.deny == {{
		"msg": "statement \"Ops\" allows ssm:SendCommand on arn:aws:ec2:*:111122223333:instance/*: it can run commands on every host or container these actions reach and use the credentials of the role attached to it",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Ops", "Effect": "Allow", "Action": "ssm:SendCommand", "Resource": ["arn:aws:ssm:*:*:document/AWS-RunShellScript", "arn:aws:ec2:*:111122223333:instance/*"]}])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "a": "ssm:Start*", "r": "*", "want": "ssm:Start* (ssm:StartSession) on every resource"},
		{"d": "aws", "a": "ssm:*", "r": "arn:aws:ssm:*:*:managed-instance/*", "want": "ssm:* (ssm:SendCommand, ssm:StartSession) on arn:aws:ssm:*:*:managed-instance/*"},
		{"d": "aws", "a": "ec2-instance-connect:Send*", "r": "arn:aws:ec2:*:*:instance/*", "want": "ec2-instance-connect:Send* (ec2-instance-connect:SendSSHPublicKey, ec2-instance-connect:SendSerialConsoleSSHPublicKey) on arn:aws:ec2:*:*:instance/*"},
		{"d": "aws", "a": "ecs:ExecuteCommand", "r": "arn:aws:ecs:*:*:cluster/*", "want": "ecs:ExecuteCommand on arn:aws:ecs:*:*:cluster/*"},
		{"d": "aws", "a": "ecs:ExecuteCommand", "r": "arn:aws:ecs:*:*:task/*", "want": "ecs:ExecuteCommand on arn:aws:ecs:*:*:task/*"},
		{"d": "acs", "a": "ecs:*Command", "r": "acs:ecs:*:11223344:instance/*", "want": "ecs:*Command (ecs:InvokeCommand, ecs:RunCommand) on acs:ecs:*:11223344:instance/*"},
		{"d": "acs", "a": "ecs:SendFile", "r": "*", "want": "ecs:SendFile on every resource"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		contains(f.msg, concat(" allows ", ["statement 0", case.want]))
		f.pointer == "/Statement/0/Action"
	}
}

test_network_makes_it_information if {
	some f in rule.deny with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ecs:RunCommand", "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}}])
	f.severity == "info"
	endswith(f.msg, "limited only by source IP (acs:SourceIp)")
}

test_narrow_grants_pass if {
	every s in [
		{"Effect": "Allow", "Action": "ssm:SendCommand", "Resource": ["arn:aws:ssm:*:*:document/*", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0"]},
		{"Effect": "Allow", "Action": "ssm:StartSession", "Resource": "*", "Condition": {"StringEquals": {"ssm:resourceTag/team": "web"}}},
		{"Effect": "Allow", "Action": "ecs:ExecuteCommand", "Resource": "arn:aws:ecs:*:*:task/web/*"},
		{"Effect": "Allow", "Action": "ssm:GetCommandInvocation", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "ssm:SendCommand", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	every s in [
		{"Effect": "Allow", "Action": "ecs:RunCommand", "Resource": "acs:ecs:*:11223344:instance/i-bp1abc"},
		{"Effect": "Allow", "Action": "ecs:InvokeCommand", "Resource": "*", "Condition": {"StringEquals": {"acs:ResourceTag/team": "web"}}},
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
