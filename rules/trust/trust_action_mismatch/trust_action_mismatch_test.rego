package rampart.rules.trust.trust_action_mismatch_test

import data.rampart.lib.testing
import data.rampart.rules.trust.trust_action_mismatch as rule

okta := "arn:aws:iam::111122223333:saml-provider/okta"

github := "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"

one(dialect, principal, action) := testing.policy(dialect, "trust", [{"Sid": "T", "Effect": "Allow", "Principal": principal, "Action": action}])

test_saml_action_for_an_oidc_provider if {
	rule.deny == {{
		"msg": "statement \"T\" grants sts:AssumeRoleWithSAML, but none of its principals (arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com) can use it: only a Federated SAML provider (saml-provider/NAME) signs in with SAML",
		"pointer": "/Statement/0/Action",
	}} with input as one("aws", {"Federated": github}, "sts:AssumeRoleWithSAML")
}

test_mismatches_in_aws if {
	every case in [
		[{"Federated": okta}, "sts:AssumeRoleWithWebIdentity"],
		[{"Federated": "accounts.google.com"}, "sts:AssumeRole"],
		[{"AWS": "arn:aws:iam::111122223333:role/ci"}, "sts:AssumeRoleWithSAML"],
		[{"Service": "ec2.amazonaws.com"}, "sts:AssumeRoleWithWebIdentity"],
	] {
		some f in rule.deny with input as one("aws", case[0], case[1])
		contains(f.msg, "but none of its principals")
	}
}

test_wildcards if {
	rule.deny == {{
		"msg": sprintf("statement \"T\" grants sts:* in a trust policy: it matches %d STS actions, where the principals need only sts:AssumeRole", [count(rampart.expand("aws", "sts:*"))]),
		"pointer": "/Statement/0/Action",
	}} with input as one("aws", {"AWS": "111122223333"}, "sts:*")
	some f in rule.deny with input as one("jdcloud", {"JDCLOUD": "jrn:iam::112233445566:root"}, "*")
	count(rule.deny) == 0 with input as one("jdcloud", {"JDCLOUD": "jrn:iam::112233445566:root"}, "sts:*")
	some g in rule.deny with input as one("acs", {"RAM": "acs:ram::12345678:root"}, "sts:Assume*")
	g.msg == "statement \"T\" grants sts:Assume* in a trust policy: it matches 3 STS actions, where the principals need only sts:AssumeRole"
	f.msg == "statement \"T\" grants * in a trust policy: it names every action, where the principals need only sts:assumeRole"
}

test_other_actions if {
	rule.deny == {{
		"msg": "statement \"T\" grants s3:GetObject in a trust policy, which only lets principals assume the role: the action has no effect here (AWS refuses the policy)",
		"pointer": "/Statement/0/Action/1",
	}} with input as one("aws", {"AWS": "111122223333"}, ["sts:AssumeRole", "s3:GetObject"])
	some f in rule.deny with input as one("acs", {"RAM": "acs:ram::12345678:root"}, "sts:GetCallerIdentity")
	endswith(f.msg, "the action has no effect here")
	count(rule.deny) == 1 with input as one("aws", {"AWS": "111122223333"}, ["sts:AssumeRole", "s3:*"])
}

test_acs_federation_uses_assume_role if {
	rule.deny == {{
		"msg": "statement \"T\" grants sts:AssumeRoleWithSAML, which Alibaba Cloud and JD Cloud trust policies never use: they grant sts:AssumeRole to SAML and OIDC principals too, so this statement admits nobody",
		"pointer": "/Statement/0/Action",
	}} with input as one("acs", {"Federated": "acs:ram::11223344:saml-provider/adfs"}, "sts:AssumeRoleWithSAML")
}

test_fitting_actions_pass if {
	every case in [
		["aws", {"Federated": okta}, ["sts:AssumeRoleWithSAML", "sts:TagSession"]],
		["aws", {"Federated": github}, "sts:AssumeRoleWithWebIdentity"],
		["aws", {"Federated": "cognito-identity.amazonaws.com"}, "sts:AssumeRoleWithWebIdentity"],
		["aws", {"AWS": "arn:aws:iam::111122223333:role/ci"}, ["sts:AssumeRole", "sts:SetSourceIdentity"]],
		["aws", {"AWS": "111122223333", "Federated": okta}, ["sts:AssumeRole", "sts:AssumeRoleWithSAML"]],
		["aws", "*", "sts:AssumeRoleWithSAML"],
		["acs", {"Federated": "acs:ram::11223344:oidc-provider/ack"}, "sts:AssumeRole"],
		["jdcloud", {"Service": "vm.jdcloud.com"}, "sts:assumeRole"],
	] {
		count(rule.deny) == 0 with input as one(case[0], case[1], case[2])
	}
	count(rule.deny) == 0 with input as testing.policy("aws", "trust", [{"Effect": "Deny", "Principal": "*", "Action": "*"}])
}
