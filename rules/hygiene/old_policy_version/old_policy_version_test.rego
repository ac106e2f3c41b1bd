package rampart.rules.hygiene.old_policy_version_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.old_policy_version

aws(version, statements) := object.union(testing.policy("aws", "identity", statements), {"version": version})

home := {"Sid": "Home", "Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::home", "arn:aws:s3:::home/${aws:username}/*"]}

test_old_version_with_a_variable_in_a_resource if {
	old_policy_version.deny == {{
		"msg": "Version is \"2008-10-17\": the policy variable ${aws:username} in statement \"Home\" is compared as literal text instead of being replaced by the request's value; write \"Version\": \"2012-10-17\"",
		"pointer": "/Version",
		"related": [{"msg": "policy variable, taken literally", "pointer": "/Statement/0/Resource/1"}],
	}} with input as aws("2008-10-17", [home])
}

test_missing_version_with_a_variable_in_a_condition if {
	old_policy_version.deny == {{
		"msg": "the policy has no Version, which AWS reads as 2008-10-17: the policy variable ${aws:PrincipalTag/team} in statement 1 is compared as literal text instead of being replaced by the request's value; write \"Version\": \"2012-10-17\"",
		"pointer": "/Version",
		"related": [{"msg": "policy variable, taken literally", "pointer": "/Statement/1/Condition/StringEquals/ec2:Tenancy"}],
	}} with input as aws("", [
		{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
		{"Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringEquals": {"ec2:Tenancy": "${aws:PrincipalTag/team}"}}},
	])
}

test_every_variable_is_related if {
	some f in old_policy_version.deny with input as aws("2008-10-17", [
		home,
		{"Effect": "Deny", "NotAction": "s3:GetObject", "NotResource": "arn:aws:s3:::shared/${aws:userid}/*"},
	])
	[r.pointer | some r in f.related] == ["/Statement/0/Resource/1", "/Statement/1/NotResource"]
}

test_old_version_without_variables_is_a_note if {
	old_policy_version.deny == {{
		"msg": "Version is \"2008-10-17\": no policy variable is used today, but one added later would be compared as literal text; write \"Version\": \"2012-10-17\"",
		"pointer": "/Version",
		"severity": "info",
	}} with input as aws("2008-10-17", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public/*"}])
}

test_current_version_passes if {
	count(old_policy_version.deny) == 0 with input as aws("2012-10-17", [home])
}
