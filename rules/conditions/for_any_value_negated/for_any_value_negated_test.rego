package rampart.rules.conditions.for_any_value_negated_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.for_any_value_negated

test_allow_is_an_error if {
	for_any_value_negated.deny == {{
		"msg": "ForAnyValue:StringNotEquals on aws:TagKeys is true when any one value differs, so statement \"Tags\" allows almost every request; for \"none of these\" use ForAllValues:StringNotEquals",
		"pointer": "/Statement/0/Condition/ForAnyValue:StringNotEquals/aws:TagKeys",
		"target": "key",
	}} with input as testing.policy("aws", "identity", [{
		"Sid": "Tags", "Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
		"Condition": {"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["owner", "cost-center"]}},
	}])
}

test_deny_is_a_warning if {
	some f in for_any_value_negated.deny with input as testing.policy("acs", "identity", [{
		"Effect": "Deny", "Action": "ecs:*", "Resource": "*",
		"Condition": {"ForAnyValue:StringNotLike": {"acs:TagKeys": "team-*"}},
	}])
	f.severity == "warning"
	endswith(f.msg, "use ForAnyValue:StringLike")
}

test_every_negated_operator if {
	every op in ["ForAnyValue:StringNotEquals", "foranyvalue:StringNotEqualsIgnoreCase", "ForAnyValue:StringNotLikeIfExists", "ForAnyValue:NotIpAddress", "ForAnyValue:ArnNotLike", "ForAnyValue:NumericNotEquals", "ForAnyValue:DateNotEquals"] {
		count(for_any_value_negated.deny) == 1 with input as testing.policy("aws", "identity", [{
			"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
			"Condition": {op: {"aws:TagKeys": "x"}},
		}])
	}
}

test_positive_and_for_all_values_pass if {
	every op in ["ForAnyValue:StringEquals", "ForAllValues:StringNotEquals", "StringNotEquals", "ForAnyValue:StringLike"] {
		count(for_any_value_negated.deny) == 0 with input as testing.policy("aws", "identity", [{
			"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
			"Condition": {op: {"aws:TagKeys": "x"}},
		}])
	}
}
