package rampart.rules.credentials.login_security_weakening_test

import data.rampart.lib.testing
import data.rampart.rules.credentials.login_security_weakening as rule

test_unbind_every_users_mfa if {
	rule.deny == {{
		"msg": "statement \"Helpdesk\" allows ram:UnbindMFADevice on acs:ram:*:11223344:user/*: it can strip the second factor or relax sign-in for every user these actions reach",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("acs", "identity", [{"Sid": "Helpdesk", "Effect": "Allow", "Action": ["ram:GetUser", "ram:UnbindMFADevice"], "Resource": "acs:ram:*:11223344:user/*"}])
}

test_account_settings if {
	rule.deny == {{
		"msg": "statement 0 allows iam:*AccountPasswordPolicy (iam:DeleteAccountPasswordPolicy, iam:UpdateAccountPasswordPolicy) on every resource: it can strip the second factor or relax sign-in for every user these actions reach",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:*AccountPasswordPolicy", "Resource": "*"}])
}

test_jdcloud_and_security_preferences if {
	count(rule.deny) == 1 with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "iam:unbindMFADevice", "Resource": "jrn:iam::112233445566:subUser/*"}])
	count(rule.deny) == 1 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:Set*", "Resource": "*"}])
}

test_mfa_softens if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:DeactivateMFADevice", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])
	f.severity == "warning"
}

test_self_service_passes if {
	every s in [
		{"Effect": "Allow", "Action": ["iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice"], "Resource": ["arn:aws:iam::*:mfa/${aws:username}", "arn:aws:iam::*:user/${aws:username}"]},
		{"Effect": "Allow", "Action": "iam:GetAccountPasswordPolicy", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:DeactivateMFADevice", "Resource": "*"},
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
