package rampart.rules.trust.saml_trust_without_audience_test

import data.rampart.lib.testing
import data.rampart.rules.trust.saml_trust_without_audience as rule

aws_trust(cond) := testing.policy("aws", "trust", [{
	"Sid": "Okta", "Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"},
	"Action": "sts:AssumeRoleWithSAML", "Condition": cond,
}])

test_aws_without_audience if {
	rule.deny == {{
		"msg": "statement \"Okta\" trusts the SAML provider arn:aws:iam::111122223333:saml-provider/okta without a condition on saml:aud: assertions the provider signs for other endpoints can assume the role",
		"pointer": "/Statement/0/Principal/Federated",
	}} with input as aws_trust({})
}

test_acs_without_recipient if {
	rule.deny == {{
		"msg": "statement 0 trusts the SAML provider acs:ram::11223344:saml-provider/adfs without a condition on saml:recipient: assertions the provider signs for other endpoints can assume the role",
		"pointer": "/Statement/0/Principal/Federated/0",
	}} with input as testing.policy("acs", "trust", [{
		"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Federated": ["acs:ram::11223344:saml-provider/adfs"]},
	}])
}

test_conditions_that_do_not_pin if {
	every cond in [
		{"StringNotEquals": {"SAML:aud": "https://evil.example/saml"}},
		{"StringEqualsIfExists": {"saml:aud": "https://signin.aws.amazon.com/saml"}},
		{"StringLike": {"saml:aud": "*"}},
		{"StringEquals": {"saml:sub": "alice@example.com"}},
	] {
		count(rule.deny) == 1 with input as aws_trust(cond)
	}
}

test_pinned_and_other_principals_pass if {
	every doc in [
		aws_trust({"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}),
		aws_trust({"StringEquals": {"saml:recipient": "https://signin.aws.amazon.com/saml"}}),
		testing.policy("acs", "trust", [{
			"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Federated": "acs:ram::11223344:saml-provider/adfs"},
			"Condition": {"StringEquals": {"saml:recipient": "https://signin.aliyun.com/saml-role/sso"}},
		}]),
		testing.policy("aws", "trust", [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/example.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]),
		testing.policy("aws", "trust", [{"Effect": "Deny", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": "sts:AssumeRoleWithSAML"}]),
	] {
		count(rule.deny) == 0 with input as doc
	}
}
