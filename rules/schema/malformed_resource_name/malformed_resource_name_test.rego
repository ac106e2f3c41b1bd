package rampart.rules.schema.malformed_resource_name_test

import data.rampart.lib.testing
import data.rampart.rules.schema.malformed_resource_name

findings(d, resources) := fs if {
	fs := malformed_resource_name.deny with input as testing.policy(d, "identity", [{"Effect": "Allow", "Action": "ram:GetRole", "Resource": resources}])
}

test_structure_errors if {
	findings("acs", ["acs:ram:*:role/deploy", "reports/*", "acs::*:*:x", "acs:oss:*:*:", "asc:oss:*:*:reports"]) == {
		{"msg": "statement 0: the resource \"acs:ram:*:role/deploy\" has 4 parts, want 5 (acs:service:region:account:relative-id)", "pointer": "/Statement/0/Resource/0"},
		{"msg": "statement 0: the resource \"reports/*\" is not a resource name: Resource takes \"*\" or acs:service:region:account:relative-id", "pointer": "/Statement/0/Resource/1"},
		{"msg": "statement 0: the resource \"acs::*:*:x\" has an empty service", "pointer": "/Statement/0/Resource/2"},
		{"msg": "statement 0: the resource \"acs:oss:*:*:\" has an empty resource part, so it never matches", "pointer": "/Statement/0/Resource/3", "severity": "warning"},
		{"msg": "statement 0: the resource \"asc:oss:*:*:reports\" starts with asc:, which is no scheme: acs names are acs:service:region:account:relative-id", "pointer": "/Statement/0/Resource/4"},
	}
}

test_aws_errors if {
	findings("aws", ["arn:aws:s3:::", "arn::s3:::b", "arn:aws:iam::role/x"]) == {
		{"msg": "statement 0: the resource \"arn:aws:s3:::\" has an empty resource part, so it never matches", "pointer": "/Statement/0/Resource/0", "severity": "warning"},
		{"msg": "statement 0: the resource \"arn::s3:::b\" has an empty partition", "pointer": "/Statement/0/Resource/1"},
		{"msg": "statement 0: the resource \"arn:aws:iam::role/x\" has 5 parts, want 6 (arn:partition:service:region:account:resource)", "pointer": "/Statement/0/Resource/2"},
	}
}

test_names_that_never_match if {
	findings("aws", [
		"arn:aws:s3:::reports/* ",
		"ARN:aws:s3:::reports",
		"arn:aws:iam::prod:role/deploy",
		"arn:amazon:s3:::reports",
		"arn:aws:iam:us-east-1:111122223333:role/deploy",
		"arn:aws:s3:eu-west-1::reports/*",
		"arn:aws:s3::111122223333:reports",
	]) == {
		{"msg": "statement 0: the resource \"arn:aws:s3:::reports/* \" has white space around it (\"arn:aws:s3:::reports/*\" is meant), so it never matches", "pointer": "/Statement/0/Resource/0", "severity": "warning"},
		{"msg": "statement 0: the resource \"ARN:aws:s3:::reports\" has its scheme in capitals: names start with arn:, so it never matches", "pointer": "/Statement/0/Resource/1", "severity": "warning"},
		{"msg": "statement 0: the resource \"arn:aws:iam::prod:role/deploy\" has the account \"prod\", which is not an account ID, so it never matches", "pointer": "/Statement/0/Resource/2", "severity": "warning"},
		{"msg": "statement 0: the resource \"arn:amazon:s3:::reports\" has the partition \"amazon\", which AWS does not have, so it never matches", "pointer": "/Statement/0/Resource/3", "severity": "warning"},
		{"msg": "statement 0: the resource \"arn:aws:iam:us-east-1:111122223333:role/deploy\" has the region \"us-east-1\": iam names have no region (arn:aws:iam::account:…), so it never matches", "pointer": "/Statement/0/Resource/4", "severity": "warning"},
		{"msg": "statement 0: the resource \"arn:aws:s3:eu-west-1::reports/*\" has the region \"eu-west-1\": s3 names have no region (arn:aws:s3:::bucket/key), so it never matches", "pointer": "/Statement/0/Resource/5", "severity": "warning"},
		{"msg": "statement 0: the resource \"arn:aws:s3::111122223333:reports\" has the account \"111122223333\": S3 bucket and object names have no account (arn:aws:s3:::bucket/key), so it never matches", "pointer": "/Statement/0/Resource/6", "severity": "warning"},
	}
}

test_acs_and_jdcloud_regions if {
	findings("acs", ["acs:ram:cn-hangzhou:1234567890123456:role/deploy"]) == {{"msg": "statement 0: the resource \"acs:ram:cn-hangzhou:1234567890123456:role/deploy\" has the region \"cn-hangzhou\": ram names have no region (acs:ram:*:account:…), so it never matches", "pointer": "/Statement/0/Resource/0", "severity": "warning"}}
	findings("jdcloud", ["jrn:iam:cn-north-1:123456789012:role/x"]) == {{"msg": "statement 0: the resource \"jrn:iam:cn-north-1:123456789012:role/x\" has the region \"cn-north-1\": iam names have no region (jrn:iam::account:…), so it never matches", "pointer": "/Statement/0/Resource/0", "severity": "warning"}}
}

test_well_formed_names_pass if {
	every case in [
		{"d": "acs", "r": ["*", "acs:*:*:*:*", "acs:oss:*:*:reports/*", "acs:ram:*:1234567890123456:role/deploy", "acs:ram::1234567890123456:role/deploy", "acs:ecs:cn-hangzhou:*:instance/i-1", "acs:mq:*:*:topic/post-cn-1/a:b"]},
		{"d": "jdcloud", "r": ["jrn:vm:cn-north-1:123456789012:instances/*", "jrn:iam::123456789012:role/x", "jrn:jcq:*:123456789012:/topics/t"]},
		{"d": "aws", "r": [
			"arn:aws:s3:::reports/*", "arn:aws-cn:s3:::reports", "arn:*:iam::*:role/x", "arn:aws:iam::aws:policy/ReadOnlyAccess",
			"arn:aws:iam::${aws:PrincipalAccount}:role/x", "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*",
			"arn:aws:ec2:us-east-1:111122223333:instance/*", "arn:aws:sns:*:*:topic:sub", "arn:aws:iam::1111?2223333:role/*",
			"arn:aws:s3:::${aws:username}/*",
			# an empty value is SCH013's
			"",
			# another dialect's names are SCH005's
			"acs:oss:*:*:reports",
		]},
	] {
		count(findings(case.d, case.r)) == 0
	}
}


quick(d, v) := true if {
	malformed_resource_name.fine(v) with input as testing.policy(d, "identity", [])
} else := false

# The names the quick patterns accept are the names the full check
# accepts.
test_quick_patterns_agree if {
	every case in [
		{"d": "aws", "v": "arn:aws:s3:::reports/*", "fine": true},
		{"d": "aws", "v": "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*", "fine": true},
		{"d": "aws", "v": "arn:aws:iam::111122223333:role/x", "fine": true},
		{"d": "aws", "v": "arn:aws:iam::${aws:PrincipalAccount}:role/x", "fine": true},
		{"d": "aws", "v": "arn:aws:ec2:us-east-1:111122223333:instance/*", "fine": true},
		{"d": "aws", "v": "arn:aws:iam:us-east-1:111122223333:role/x", "fine": false},
		{"d": "aws", "v": "arn:aws:s3:eu-west-1::reports", "fine": false},
		{"d": "aws", "v": "arn:aws:s3:::reports ", "fine": false},
		{"d": "aws", "v": "arn:aws:ec2:us-east-1:prod:instance/*", "fine": false},
		{"d": "acs", "v": "acs:ram:*:1234567890123456:role/x", "fine": true},
		{"d": "acs", "v": "acs:ram::1234567890123456:role/x", "fine": true},
		{"d": "acs", "v": "acs:ram:cn-hangzhou:1234567890123456:role/x", "fine": false},
		{"d": "acs", "v": "acs:oss:*:*:reports/*", "fine": true},
		{"d": "jdcloud", "v": "jrn:iam::123456789012:role/x", "fine": true},
		{"d": "jdcloud", "v": "jrn:kms:cn-north-1:123456789012:key/x", "fine": false},
	] {
		quick(case.d, case.v) == case.fine
	}
}
