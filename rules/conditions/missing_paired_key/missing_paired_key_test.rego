package rampart.rules.conditions.missing_paired_key_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.missing_paired_key

bucket(effect, condition) := testing.policy("aws", "resource", [{
	"Sid": "S", "Effect": effect, "Principal": "*", "Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::reports/*", "Condition": condition,
}])

test_vpc_source_ip_alone if {
	missing_paired_key.deny == {{
		"msg": "statement \"S\" trusts aws:VpcSourceIp without aws:SourceVpc or aws:SourceVpce: a private address range exists in every VPC that uses it; require aws:SourceVpc or aws:SourceVpce as well",
		"pointer": "/Statement/0/Condition/IpAddress/aws:VpcSourceIp",
		"target": "key",
	}} with input as bucket("Allow", {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}})
}

test_unpaired_cases if {
	every case in [
		{"e": "Deny", "c": {"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}},
		{"e": "Allow", "c": {"IpAddress": {"aws:Ec2InstanceSourcePrivateIPv4": "10.0.1.5"}}},
		{"e": "Allow", "c": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::upload-bucket"}}},
		{"e": "Allow", "c": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::upload-bucket"}, "Null": {"aws:SourceAccount": "false"}}},
		# in one Deny the two exemptions are alternatives
		{"e": "Deny", "c": {"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringNotEquals": {"aws:SourceVpce": "vpce-1"}}},
		{"e": "Allow", "c": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringNotEquals": {"aws:SourceVpc": "vpc-1"}}},
	] {
		count(missing_paired_key.deny) == 1 with input as bucket(case.e, case.c)
	}
}

test_paired_and_irrelevant_cases_pass if {
	every case in [
		{"e": "Allow", "c": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringEquals": {"aws:SourceVpc": "vpc-1"}}},
		{"e": "Deny", "c": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}},
		{"e": "Allow", "c": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::upload-bucket"}, "StringEquals": {"aws:SourceAccount": "111122223333"}}},
		{"e": "Allow", "c": {"ArnLike": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:topic"}}},
		{"e": "Allow", "c": {"Null": {"aws:VpcSourceIp": "false"}}},
	] {
		count(missing_paired_key.deny) == 0 with input as bucket(case.e, case.c)
	}
}

test_a_second_deny_pins_the_vpc if {
	count(missing_paired_key.deny) == 0 with input as testing.policy("aws", "resource", [
		{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}},
	])
}
