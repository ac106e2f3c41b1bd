package rampart.rules.conditions.null_misuse_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.null_misuse

stmt(effect, condition) := testing.policy("aws", "identity", [{
	"Sid": "S", "Effect": effect, "Action": "s3:GetObject", "Resource": "*", "Condition": condition,
}])

test_value_not_a_boolean if {
	null_misuse.deny == {{
		"msg": "Null on aws:SourceVpc: \"vpc-0a1b\" is not true or false; it cannot be evaluated, so statement \"S\" grants nothing",
		"pointer": "/Statement/0/Condition/Null/aws:SourceVpc",
		"target": "key",
	}} with input as stmt("Allow", {"Null": {"aws:SourceVpc": "vpc-0a1b"}})
}

test_deny_with_a_qualifier if {
	null_misuse.deny == {{
		"msg": "ForAllValues:Null on aws:TagKeys: Null takes no set qualifier (ForAllValues); rampart cannot evaluate it, so this Deny applies to every request it names",
		"pointer": "/Statement/0/Condition/ForAllValues:Null/aws:TagKeys",
		"target": "key",
	}} with input as stmt("Deny", {"ForAllValues:Null": {"aws:TagKeys": "false"}})
}

test_if_exists_and_both_values if {
	some f in null_misuse.deny with input as stmt("Allow", {"NullIfExists": {"aws:SourceVpc": "false"}})
	contains(f.msg, "Null takes no IfExists")
	some g in null_misuse.deny with input as stmt("Allow", {"Null": {"aws:SourceVpc": ["true", "false"]}})
	endswith(g.msg, "true and false together hold for every request; the condition is always true")
}

test_well_formed_null_passes if {
	every c in [
		{"Null": {"aws:SourceVpc": "false"}},
		{"Null": {"aws:SourceVpc": "TRUE"}},
		{"Null": {"aws:SourceVpc": ["true"]}},
		{"StringEquals": {"aws:SourceVpc": "vpc-1"}},
	] {
		count(null_misuse.deny) == 0 with input as stmt("Allow", c)
	}
}
