package rampart.rules.trust.oidc_trust_unpinned_test

import data.rampart.lib.testing
import data.rampart.rules.trust.oidc_trust_unpinned as rule

github := "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"

trust(principal, cond) := testing.policy("aws", "trust", [{
	"Sid": "GitHub", "Effect": "Allow", "Principal": {"Federated": principal},
	"Action": "sts:AssumeRoleWithWebIdentity", "Condition": cond,
}])

test_github_without_subject if {
	rule.deny == {{
		"msg": "statement \"GitHub\" trusts the OIDC provider arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com without a condition on token.actions.githubusercontent.com:sub: every identity the provider issues tokens to can assume the role",
		"pointer": "/Statement/0/Principal/Federated",
	}} with input as trust(github, {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})
}

test_no_condition_names_both_claims if {
	some f in rule.deny with input as trust(github, {})
	endswith(f.msg, "without a condition on token.actions.githubusercontent.com:sub (nor on token.actions.githubusercontent.com:aud): every identity the provider issues tokens to can assume the role")
	count(rule.deny) == 1 with input as trust(github, {})
}

test_subject_without_audience_is_a_warning if {
	rule.deny == {{
		"msg": "statement \"GitHub\" trusts the OIDC provider arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com without a condition on token.actions.githubusercontent.com:aud: say which client the tokens must be issued for",
		"pointer": "/Statement/0/Principal/Federated",
		"severity": "warning",
	}} with input as trust(github, {"StringEquals": {"Token.Actions.GithubUserContent.com:sub": "repo:acme/deploy:environment:prod"}})
}

test_broad_subject_patterns if {
	every case in [
		["repo:*", "any repository on GitHub", "error"],
		["*", "any subject at all", "error"],
		["repo:acme/*", "any repository of acme", "warning"],
		["repo:acme/*:ref:refs/heads/main", "any repository of acme", "warning"],
		["repo:acme/svc-*", "the repositories of acme named svc-*", "warning"],
		["project_path:*", "any project on the GitLab instance", "error"],
		["project_path:acme/platform/*:ref_type:branch:ref:main", "any project of acme/platform", "warning"],
	] {
		fs := rule.deny with input as trust(github, {
			"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
			"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:acme/deploy:ref:refs/heads/main", case[0]]},
		})
		count(fs) == 1
		some f in fs
		f.pointer == "/Statement/0/Condition/StringLike/token.actions.githubusercontent.com:sub/1"
		startswith(f.msg, sprintf("statement \"GitHub\" lets %s assume the role (token.actions.githubusercontent.com:sub matches %s)", [case[1], case[0]]))
		object.get(f, "severity", "error") == case[2]
	}
}

test_pinned_subjects_pass if {
	every sub in [
		"repo:acme/deploy:environment:prod",
		"repo:acme/deploy:*",
		"repo:acme/deploy:ref:refs/heads/release-*",
		"project_path:acme/platform/api:ref_type:branch:ref:main",
		"system:serviceaccount:payments:*",
	] {
		count(rule.deny) == 0 with input as trust(github, {
			"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
			"StringLike": {"token.actions.githubusercontent.com:sub": sub},
		})
	}
}

test_conditions_that_do_not_pin if {
	every cond in [
		{"StringNotEquals": {"token.actions.githubusercontent.com:sub": "repo:evil/x:ref:refs/heads/main"}},
		{"StringLikeIfExists": {"token.actions.githubusercontent.com:sub": "repo:acme/deploy:*"}},
		{"StringLike": {"token.actions.githubusercontent.com:sub": "*"}},
		{"StringEquals": {"gitlab.com:sub": "project_path:acme/x:ref_type:branch:ref:main"}},
	] {
		some f in rule.deny with input as trust(github, object.union(cond, {"StringEquals": object.union(object.get(cond, "StringEquals", {}), {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"})}))
		contains(f.msg, "without a condition on token.actions.githubusercontent.com:sub")
	}
}

test_web_identity_providers if {
	rule.deny == {{
		"msg": "statement \"GitHub\" trusts cognito-identity.amazonaws.com without a condition on cognito-identity.amazonaws.com:aud: a token of any application or identity pool of that provider, in any account, can assume the role",
		"pointer": "/Statement/0/Principal/Federated",
	}} with input as trust("cognito-identity.amazonaws.com", {"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}})
	count(rule.deny) == 0 with input as trust("cognito-identity.amazonaws.com", {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-aaaa-bbbb-cccc-123456789012"}})
	count(rule.deny) == 1 with input as trust("graph.facebook.com", {})
	count(rule.deny) == 0 with input as trust("www.amazon.com", {"StringEquals": {"www.amazon.com:app_id": "amzn1.application-oa2-client.abc"}})
}

test_acs_oidc if {
	rule.deny == {{
		"msg": "statement 0 trusts the OIDC provider acs:ram::11223344:oidc-provider/ack-rrsa without a condition on oidc:sub: every identity the provider issues tokens to can assume the role",
		"pointer": "/Statement/0/Principal/Federated/0",
	}} with input as testing.policy("acs", "trust", [{
		"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Federated": ["acs:ram::11223344:oidc-provider/ack-rrsa"]},
		"Condition": {"StringEquals": {"oidc:aud": "sts.aliyuncs.com", "oidc:iss": "https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c1"}},
	}])
	count(rule.deny) == 0 with input as testing.policy("acs", "trust", [{
		"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Federated": ["acs:ram::11223344:oidc-provider/ack-rrsa"]},
		"Condition": {"StringEquals": {"oidc:aud": "sts.aliyuncs.com", "oidc:sub": "system:serviceaccount:payments:api"}},
	}])
}

test_other_principals_pass if {
	every p in [
		{"Federated": "arn:aws:iam::111122223333:saml-provider/okta"},
		{"AWS": "arn:aws:iam::111122223333:role/ci"},
		{"Service": "ec2.amazonaws.com"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "trust", [{"Effect": "Allow", "Principal": p, "Action": "sts:AssumeRole"}])
	}
	count(rule.deny) == 0 with input as testing.policy("aws", "trust", [{"Effect": "Deny", "Principal": {"Federated": github}, "Action": "sts:AssumeRoleWithWebIdentity"}])
}
