package rampart.rules.hygiene.principal_unique_id_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.principal_unique_id

test_role_and_user_ids if {
	principal_unique_id.deny == {
		{"msg": "statement \"Deploy\" names an IAM role by its unique ID AROA3XFRBF535PLBIFPI: IAM shows a unique ID where the role was deleted, and a role created again under that name gets a new one; name it by its ARN (arn:aws:iam::ACCOUNT:role/NAME)", "pointer": "/Statement/0/Principal/AWS/0"},
		{"msg": "statement \"Deploy\" names an IAM user by its unique ID AIDAJQABLZS4A3QDU576Q: IAM shows a unique ID where the user was deleted, and a user created again under that name gets a new one; name it by its ARN (arn:aws:iam::ACCOUNT:user/NAME)", "pointer": "/Statement/0/Principal/AWS/2"},
	} with input as testing.policy("aws", "trust", [{
		"Sid": "Deploy", "Effect": "Allow", "Action": "sts:AssumeRole",
		"Principal": {"AWS": ["AROA3XFRBF535PLBIFPI", "arn:aws:iam::111122223333:role/ci", "AIDAJQABLZS4A3QDU576Q"]},
	}])
}

test_not_principal_and_groups if {
	principal_unique_id.deny == {{
		"msg": "statement 0 names an IAM group by its unique ID AGPAJ2HF3LXY7QDTPQ2QA: a group is never a principal; name its users or a role instead",
		"pointer": "/Statement/0/NotPrincipal/AWS",
	}} with input as testing.policy("aws", "resource", [{
		"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::vault/*",
		"NotPrincipal": {"AWS": "AGPAJ2HF3LXY7QDTPQ2QA"},
	}])
}

test_arns_accounts_and_services_pass if {
	count(principal_unique_id.deny) == 0 with input as testing.policy("aws", "trust", [{
		"Effect": "Allow", "Action": "sts:AssumeRole",
		"Principal": {"AWS": ["arn:aws:iam::111122223333:role/AROA-named-role", "111122223333", "AROA"], "Service": "AROAEXAMPLEEXAMPLE1.amazonaws.com"},
	}])
}

test_access_key_ids_are_not_principal_ids if {
	count(principal_unique_id.deny) == 0 with input as testing.policy("aws", "resource", [{
		"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
		"Principal": {"AWS": "AKIAIOSFODNN7EXAMPLE"},
	}])
}
