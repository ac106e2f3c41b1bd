package rampart.rules.schema.empty_container_test

import data.rampart.lib.testing
import data.rampart.rules.schema.empty_container

test_empty_strings if {
	empty_container.deny == {
		{"msg": "statement \"Reports\" has an empty value in Resource, which names nothing (a template value left unset?)", "pointer": "/Statement/0/Resource/1"},
		{"msg": "statement \"Reports\" has an empty value in Action, which names nothing (a template value left unset?)", "pointer": "/Statement/0/Action/1"},
		{"msg": "statement 1 has an empty value in Principal, which names nobody (a template value left unset?)", "pointer": "/Statement/1/Principal/AWS"},
	} with input as testing.policy("aws", "resource", [
		{"Sid": "Reports", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", ""], "Resource": ["arn:aws:s3:::reports/*", ""]},
		{"Effect": "Allow", "Principal": {"AWS": ""}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
	])
}

test_oss_empty_principal_list if {
	empty_container.deny == {{
		"msg": "statement \"Public\" has an empty Principal list, which OSS reads as everyone, anonymous callers included: the statement makes the bucket public; list the accounts or RAM names it is for, or write [\"*\"] if it is meant to be public",
		"pointer": "/Statement/0/Principal",
	}} with input as testing.policy("acs", "resource", [{"Sid": "Public", "Effect": "Allow", "Principal": [], "Action": "oss:GetObject", "Resource": "acs:oss:*:*:reports/*"}])
}

test_filled_in_passes if {
	count(empty_container.deny) == 0 with input as testing.policy("acs", "resource", [{"Effect": "Allow", "Principal": ["1888777766665555"], "Action": "oss:GetObject", "Resource": "acs:oss:*:*:reports/*", "Condition": {"StringEquals": {"acs:UserAgent": ""}}}])
}
