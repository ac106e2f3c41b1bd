package rampart.rules.conditions.fragile_mfa_deny_test

import data.rampart.lib.testing
import data.rampart.rules.conditions.fragile_mfa_deny

deny_without_mfa(condition) := {
	"Sid": "DenyWithoutMfa", "Effect": "Deny", "NotAction": ["iam:ChangePassword"], "Resource": "*",
	"Condition": condition,
}

test_bool_false_in_aws_is_an_error if {
	fragile_mfa_deny.deny == {{
		"msg": "Bool on aws:MultiFactorAuthPresent is false when the request has no aws:MultiFactorAuthPresent, which requests signed with long-term access keys never have: statement \"DenyWithoutMfa\" does not stop them; use BoolIfExists (or add a Deny with \"Null\": {\"aws:MultiFactorAuthPresent\": \"true\"})",
		"pointer": "/Statement/0/Condition/Bool/aws:MultiFactorAuthPresent",
		"target": "key",
	}} with input as testing.policy("aws", "identity", [deny_without_mfa({"Bool": {"aws:MultiFactorAuthPresent": "false"}})])
}

test_acs_is_a_warning_and_age_is_caught if {
	some f in fragile_mfa_deny.deny with input as testing.policy("acs", "identity", [deny_without_mfa({"Bool": {"acs:MFAPresent": "false"}})])
	f.severity == "warning"
	some g in fragile_mfa_deny.deny with input as testing.policy("aws", "identity", [deny_without_mfa({"NumericGreaterThan": {"aws:MultiFactorAuthAge": "3600"}})])
	contains(g.msg, "use NumericGreaterThanIfExists")
}

test_covered_and_robust_forms_pass if {
	every p in [
		[deny_without_mfa({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})],
		[deny_without_mfa({"NumericGreaterThanIfExists": {"aws:MultiFactorAuthAge": "3600"}})],
		[
			deny_without_mfa({"Bool": {"aws:MultiFactorAuthPresent": "false"}}),
			deny_without_mfa({"Null": {"aws:MultiFactorAuthPresent": "true"}}),
		],
		[{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}],
		[{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}],
		[deny_without_mfa({"Bool": {"aws:MultiFactorAuthPresent": "true"}})],
	] {
		count(fragile_mfa_deny.deny) == 0 with input as testing.policy("aws", "identity", p)
	}
}

test_a_null_false_elsewhere_does_not_cover if {
	count(fragile_mfa_deny.deny) == 1 with input as testing.policy("aws", "identity", [
		deny_without_mfa({"Bool": {"aws:MultiFactorAuthPresent": "false"}}),
		deny_without_mfa({"Null": {"aws:MultiFactorAuthPresent": "false"}}),
	])
}
