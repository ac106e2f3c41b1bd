package rampart.rules.hygiene.old_policy_version_test

import data.rampart.lib.testing
import data.rampart.rules.hygiene.old_policy_version

aws(version, statements) := object.union(testing.policy("aws", "identity", statements), {"version": version})

reports := {"Sid": "Reports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}

test_old_version if {
	old_policy_version.deny == {{
		"msg": "Version is \"2008-10-17\": policy variables added later would be compared as literal text; write \"Version\": \"2012-10-17\"",
		"pointer": "/Version",
	}} with input as aws("2008-10-17", [reports])
}

test_missing_version if {
	old_policy_version.deny == {{
		"msg": "the policy has no Version, which AWS reads as 2008-10-17: policy variables added later would be compared as literal text; write \"Version\": \"2012-10-17\"",
		"pointer": "/Version",
	}} with input as aws("", [reports])
}

test_documents_with_variables_are_left_to_sch011 if {
	every s in [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}/*"},
		{"Effect": "Deny", "NotAction": "s3:GetObject", "NotResource": "arn:aws:s3:::shared/${aws:userid}/*"},
		{"Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringNotEquals": {"ec2:Tenancy": "${aws:PrincipalTag/team}"}}},
	] {
		count(old_policy_version.deny) == 0 with input as aws("2008-10-17", [reports, s])
	}
	count(old_policy_version.deny) == 0 with input as object.union(testing.policy("aws", "resource", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Principal": {"AWS": "${aws:username}"}}]), {"version": ""})
}

test_current_version_passes if {
	count(old_policy_version.deny) == 0 with input as aws("2012-10-17", [reports])
}
