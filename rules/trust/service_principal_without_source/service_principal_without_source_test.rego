package rampart.rules.trust.service_principal_without_source_test

import data.rampart.lib.testing
import data.rampart.rules.trust.service_principal_without_source as rule

trail(cond) := testing.policy("aws", "resource", [{
	"Sid": "TrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
	"Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-trail/AWSLogs/111122223333/*", "Condition": cond,
}])

test_trail_bucket_without_source if {
	rule.deny == {{
		"msg": "statement \"TrailWrite\" grants s3:PutObject to cloudtrail.amazonaws.com with no condition on aws:SourceArn or aws:SourceAccount: the service can use it for any of its customers, in any account",
		"pointer": "/Statement/0/Principal/Service",
	}} with input as trail({"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}})
}

test_conditions_that_do_not_bind if {
	every cond in [
		{"StringNotEquals": {"aws:SourceAccount": "111122223333"}},
		{"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}},
		{"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*"}},
		{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}},
		{"StringLike": {"aws:SourceAccount": "*"}},
	] {
		count(rule.deny) == 1 with input as trail(cond)
	}
}

test_bound_and_others_pass if {
	every doc in [
		trail({"StringEquals": {"AWS:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org"}}),
		trail({"StringEquals": {"aws:SourceAccount": "111122223333"}}),
		trail({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::acme-uploads"}}),
		trail({"StringEquals": {"aws:SourceOrgID": "o-a1b2c3d4e5"}}),
		testing.policy("aws", "resource", [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}]),
		testing.policy("aws", "resource", [{"Effect": "Deny", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:*", "Resource": "*"}]),
	] {
		count(rule.deny) == 0 with input as doc
	}
}
