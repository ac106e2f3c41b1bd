package rampart.rules.privilege_escalation.credential_minting_for_others_test

import data.rampart.lib.testing
import data.rampart.rules.credentials.credential_exposure
import data.rampart.rules.privilege_escalation.credential_minting_for_others as rule

test_reset_every_password if {
	rule.deny == {{
		"msg": "statement \"Helpdesk\" allows iam:UpdateLoginProfile on arn:aws:iam::111122223333:user/*: it can set a password or key of any user these actions reach and sign in as the most privileged of them",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Helpdesk", "Effect": "Allow", "Action": ["iam:GetLoginProfile", "iam:UpdateLoginProfile"], "Resource": "arn:aws:iam::111122223333:user/*"}])
}

test_dialects_and_wildcards if {
	every case in [
		{"d": "aws", "a": "iam:*", "r": "*", "want": "iam:* (iam:UpdateLoginProfile, iam:UploadSSHPublicKey, iam:UploadSigningCertificate) on every resource"},
		{"d": "aws", "a": "iam:Upload*", "r": "arn:aws:iam::*:user/*", "want": "iam:Upload* (iam:UploadSSHPublicKey, iam:UploadSigningCertificate) on arn:aws:iam::*:user/*"},
		{"d": "acs", "a": "ram:UpdateLoginProfile", "r": "acs:ram:*:11223344:user/*", "want": "ram:UpdateLoginProfile on acs:ram:*:11223344:user/*"},
		{"d": "acs", "a": "ims:*LoginProfile", "r": "acs:ram:*:*:user/*", "want": "ims:*LoginProfile (ims:UpdateLoginProfile) on acs:ram:*:*:user/*"},
	] {
		some f in rule.deny with input as testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": case.r}])
		contains(f.msg, concat(" allows ", ["statement 0", case.want]))
		f.pointer == "/Statement/0/Action"
	}
}

# CR001 reports access keys and new login profiles; each grant is reported
# by one of the two rules.
test_no_double_report_with_cr001 if {
	every case in [
		{"d": "aws", "a": ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateAccessKey"]},
		{"d": "acs", "a": ["ram:CreateAccessKey", "ram:CreateLoginProfile"]},
	] {
		p := testing.policy(case.d, "identity", [{"Effect": "Allow", "Action": case.a, "Resource": "*"}])
		count(rule.deny) == 0 with input as p
		count(credential_exposure.deny) == 1 with input as p
	}
	p := testing.policy("aws", "identity", [{"Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:UpdateLoginProfile"], "Resource": "*"}])
	[f.pointer | some f in rule.deny] == ["/Statement/0/Action/1"] with input as p
	[f.pointer | some f in credential_exposure.deny] == ["/Statement/0/Action/0"] with input as p
}

test_network_makes_it_information if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "iam:UpdateLoginProfile", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}])
	f.severity == "info"
	endswith(f.msg, "limited only by source IP (aws:SourceIp)")
}

test_self_service_and_named_users_pass if {
	every s in [
		{"Effect": "Allow", "Action": ["iam:UpdateLoginProfile", "iam:UploadSSHPublicKey"], "Resource": "arn:aws:iam::*:user/${aws:username}"},
		{"Effect": "Allow", "Action": "iam:UpdateLoginProfile", "Resource": "arn:aws:iam::111122223333:user/ci-*"},
		{"Effect": "Allow", "Action": "iam:UpdateLoginProfile", "Resource": "arn:aws:iam::111122223333:role/*"},
		{"Effect": "Allow", "Action": "iam:UpdateLoginProfile", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "ci"}}},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:UpdateLoginProfile", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
	count(rule.deny) == 0 with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ram:UpdateLoginProfile", "Resource": "acs:ram:*:11223344:user/alice"}])
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
