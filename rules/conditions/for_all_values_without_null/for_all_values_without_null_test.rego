package rampart.rules.conditions.for_all_values_without_null_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.for_all_values_without_null

bucket(condition) := testing.policy("aws", "resource", [{
	"Sid": "OrgRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::reports/*", "Condition": condition,
}])

test_org_paths_without_null_is_an_error if {
	for_all_values_without_null.deny == {{
		"msg": "ForAllValues:StringLike on aws:PrincipalOrgPaths is also true when the request has no aws:PrincipalOrgPaths, so statement \"OrgRead\" allows anyone whose request has no such key; add \"Null\": {\"aws:PrincipalOrgPaths\": \"false\"}",
		"pointer": "/Statement/0/Condition/ForAllValues:StringLike/aws:PrincipalOrgPaths",
		"target": "key",
	}} with input as bucket({"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3/r-ab12/ou-ab12-prod/*"}})
}

test_tag_keys_are_a_warning if {
	some f in for_all_values_without_null.deny with input as testing.policy("acs", "identity", [{
		"Effect": "Allow", "Action": "ecs:CreateInstance", "Resource": "*",
		"Condition": {"ForAllValues:StringEquals": {"acs:TagKeys": ["team", "env"]}},
	}])
	f.severity == "warning"
	contains(f.msg, "statement 0 allows requests without it")
}

test_guards_and_other_forms_pass if {
	every c in [
		{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "o-a/*"}, "Null": {"aws:PrincipalOrgPaths": "false"}},
		{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "o-a/*"}, "ForAnyValue:StringLike": {"aws:principalorgpaths": "o-a/r-1/*"}},
		{"ForAllValues:StringNotEquals": {"aws:PrincipalOrgPaths": "o-b/*"}},
		{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a/*"}},
		# single-valued keys are CND002's
		{"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1"}},
	] {
		count(for_all_values_without_null.deny) == 0 with input as bucket(c)
	}
}

test_guard_that_passes_without_the_key_does_not_count if {
	every c in [
		{"ForAllValues:StringEquals": {"aws:TagKeys": "a"}, "Null": {"aws:TagKeys": "true"}},
		{"ForAllValues:StringEquals": {"aws:TagKeys": "a"}, "ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "a"}},
		{"ForAllValues:StringEquals": {"aws:TagKeys": "a"}, "StringNotEquals": {"aws:TagKeys": "b"}},
	] {
		count(for_all_values_without_null.deny) == 1 with input as bucket(c)
	}
}

test_deny_passes if {
	count(for_all_values_without_null.deny) == 0 with input as testing.policy("aws", "identity", [{
		"Effect": "Deny", "Action": "ec2:CreateTags", "Resource": "*",
		"Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}},
	}])
}
