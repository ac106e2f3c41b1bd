package rampart.rules.exfiltration.snapshot_sharing_test

import data.rampart.lib.testing
import data.rampart.rules.exfiltration.snapshot_sharing as rule

test_share_every_snapshot if {
	rule.deny == {{
		"msg": "statement \"Backups\" allows ec2:ModifySnapshotAttribute on every resource: it can share every snapshot or image these actions reach with other accounts",
		"pointer": "/Statement/0/Action/1",
	}} with input as testing.policy("aws", "identity", [{"Sid": "Backups", "Effect": "Allow", "Action": ["ec2:CreateSnapshot", "ec2:ModifySnapshotAttribute"], "Resource": "*"}])
}

test_every_image_by_type if {
	rule.deny == {{
		"msg": "statement 0 allows ecs:ModifyImage* (ecs:ModifyImageShareGroupPermission, ecs:ModifyImageSharePermission) on acs:ecs:*:*:image/*: it can share every snapshot or image these actions reach with other accounts",
		"pointer": "/Statement/0/Action",
	}} with input as testing.policy("acs", "identity", [{"Effect": "Allow", "Action": "ecs:ModifyImage*", "Resource": "acs:ecs:*:*:image/*"}])
}

test_rds_and_jdcloud if {
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "rds:*", "Resource": "arn:aws:rds:*:*:snapshot:*"}])
	count(rule.deny) == 1 with input as testing.policy("jdcloud", "identity", [{"Effect": "Allow", "Action": "vm:releaseImage", "Resource": "*"}])
}

test_network_softens if {
	some f in rule.deny with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "ec2:ModifyImageAttribute", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-0abc"}}}])
	f.severity == "warning"
	endswith(f.msg, "limited only by source VPC (aws:SourceVpc)")
}

test_scoped_and_named_pass if {
	every s in [
		{"Effect": "Allow", "Action": "ec2:ModifySnapshotAttribute", "Resource": "*", "Condition": {"StringEquals": {"ec2:Add/userId": "999988887777"}}},
		{"Effect": "Allow", "Action": "ec2:ModifySnapshotAttribute", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/share": "backup-vault"}}},
		{"Effect": "Allow", "Action": "ec2:ModifySnapshotAttribute", "Resource": "arn:aws:ec2:eu-west-1::snapshot/snap-0a1b2c3d4e5f60718"},
		{"Effect": "Allow", "Action": "ec2:ModifySnapshotAttribute", "Resource": "arn:aws:ec2:eu-west-1::snapshot/snap-0a1b*"},
		{"Effect": "Allow", "Action": ["ec2:CreateSnapshot", "ec2:DescribeSnapshots"], "Resource": "*"},
		{"Effect": "Deny", "Action": "ec2:ModifySnapshotAttribute", "Resource": "*"},
	] {
		count(rule.deny) == 0 with input as testing.policy("aws", "identity", [s])
	}
}

test_a_negated_account_condition_does_not_scope if {
	count(rule.deny) == 1 with input as testing.policy("aws", "identity", [{"Effect": "Allow", "Action": "ec2:ModifySnapshotAttribute", "Resource": "*", "Condition": {"StringNotEquals": {"ec2:Add/userId": "111122223333"}}}])
}

test_every_action_is_in_the_catalogue if {
	every dialect, services in rule.actions {
		every service, names in services {
			every name in names {
				rampart.action(dialect, concat(":", [service, name])) != null
			}
		}
	}
}
