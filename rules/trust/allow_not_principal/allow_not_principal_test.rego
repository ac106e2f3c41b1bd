package rampart.rules.trust.allow_not_principal_test

import data.rampart.lib.testing
import data.rampart.rules.trust.allow_not_principal as rule

test_allow_not_principal if {
	rule.deny == {{
		"msg": "statement \"AllButAudit\" allows everyone except arn:aws:iam::111122223333:role/audit (NotPrincipal): anonymous callers and every other account get its actions",
		"pointer": "/Statement/0/NotPrincipal",
	}} with input as testing.policy("aws", "resource", [{
		"Sid": "AllButAudit", "Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/audit"},
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*",
	}])
}

test_several_and_weak_conditions if {
	some f in rule.deny with input as testing.policy("aws", "resource", [{
		"Effect": "Allow", "NotPrincipal": {"AWS": ["111122223333", "444455556666"]}, "Action": "sqs:SendMessage", "Resource": "*",
		"Condition": {"StringLike": {"aws:PrincipalOrgID": "*"}, "Bool": {"aws:SecureTransport": "true"}},
	}])
	f.msg == "statement 0 allows everyone except 111122223333 and 1 more (NotPrincipal): anonymous callers and every other account get its actions"
	not f.severity
}

test_binding_condition_softens if {
	rule.deny == {{
		"msg": "statement 0 allows everyone except arn:aws:iam::111122223333:role/audit (NotPrincipal), limited by aws:PrincipalOrgID; write the principals that need access in Principal instead",
		"pointer": "/Statement/0/NotPrincipal",
		"severity": "warning",
	}} with input as testing.policy("aws", "resource", [{
		"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/audit"}, "Action": "s3:GetObject", "Resource": "*",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
	}])
}

test_deny_and_principal_pass if {
	every s in [
		{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/audit"}, "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/audit"}, "Action": "s3:GetObject", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "resource", [s])
	}
}
