package rampart.rules.credentials.credential_exposure_test

import data.rampart.lib.testing
import data.rampart.rules.credentials.credential_exposure as rule

test_keys_for_every_user if {
	rule.deny == {{
		"msg": "statement \"Helpdesk\" allows iam:CreateAccessKey on arn:aws:iam::111122223333:user/*: it can obtain credentials for every principal or resource these actions reach",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Helpdesk", "Effect": "Allow", "Action": ["iam:ListAccessKeys", "iam:CreateAccessKey"], "Resource": "arn:aws:iam::111122223333:user/*"}])
}

test_ram_and_ims_name_ram_resources if {
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:CreateAccessKey", "Resource": "acs:ram:*:11223344:user/*"}])
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ims:CreateAccessKey", "Resource": "acs:ram:*:11223344:user/*"}])
}

test_jdcloud_wildcard if {
	rule.deny == {{
		"msg": "statement 0 allows iam:*SubUserAccessKey (iam:createSubUserAccessKey, iam:enableSubUserAccessKey) on every resource: it can obtain credentials for every principal or resource these actions reach",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "iam:*SubUserAccessKey", "Resource": "*"}])
}

test_database_credentials_softened_by_network if {
	rule.deny == {{
		"msg": "statement 0 allows redshift:GetClusterCredentials on every resource: it can obtain credentials for every principal or resource these actions reach, limited only by source IP (aws:SourceIp)",
		"pointer": "/Statement/0/Action",
		"severity": "info",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "redshift:GetClusterCredentials", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}])
}

test_self_service_and_left_out_actions_pass if {
	every s in [
		{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::*:user/${aws:username}"},
		{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/ci-*"},
		{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:GetSessionToken", "ecr:GetAuthorizationToken"], "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*", "Condition": {"StringEquals": {"iam:ResourceTag/team": "ci"}}},
		{"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}

test_every_action_is_in_the_catalogue if {
	every dialect, services in rule.actions {
		every service, names in services {
			every name in names {
				rampart.action(dialect, concat(":", [service, name])) != null
			}
		}
	}
}
