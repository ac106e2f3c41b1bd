# METADATA
# title: MFA guardrail that callers without the MFA key skip
# description: >-
#   A Deny meant to stop callers without MFA tests the MFA key with an
#   operator that is false when the key is absent: Bool
#   aws:MultiFactorAuthPresent "false" (acs:MFAPresent in Alibaba Cloud),
#   or NumericGreaterThan aws:MultiFactorAuthAge. Requests signed with
#   long-term access keys carry no MFA key at all, so the condition is
#   false and the Deny skips exactly the callers it was written for. The
#   AWS pattern is BoolIfExists with "false" (or a Null true test in
#   another Deny). It is an error in AWS, where the absence is
#   documented; a warning in Alibaba Cloud, whose documentation does not
#   say whether AccessKey calls carry acs:MFAPresent. A Deny statement
#   in the same policy that tests the key with Null true, or with
#   BoolIfExists "false", covers the gap.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
# custom:
#   id: CND009
#   name: fragile-mfa-deny
#   severity: error
#   dialects: [acs, aws]
#   rationale: >-
#     "Deny everything unless MFA" is the guardrail behind console MFA
#     enforcement, and the Bool false form is how most people write it
#     first. It works in the console and is silently skipped by the CLI
#     and SDKs with an access key, which is how a leaked credential is
#     used.
#   remediation: >-
#     Write "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"} (absent
#     or false denies), and for MFA age "NumericGreaterThanIfExists", or
#     add a Deny with "Null": {"aws:MultiFactorAuthPresent": "true"}.
package rampart.rules.conditions.fragile_mfa_deny

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.deny
	some c in s.conditions
	fragile(c)
	not covered
	f := finding(s, c)
}

mfa_keys := {"aws:multifactorauthpresent", "acs:mfapresent"}

age_keys := {"aws:multifactorauthage"}

# fragile holds for a test of "no MFA" that is false when the key is
# absent.
fragile(c) if {
	c.key_lower in mfa_keys
	c.base_lower == "bool"
	c.qualifier == ""
	not c.if_exists
	count(c.values) > 0
	every v in c.values {
		lower(v.value) == "false"
	}
}

fragile(c) if {
	c.key_lower in age_keys
	c.base_lower in {"numericgreaterthan", "numericgreaterthanequals"}
	c.qualifier == ""
	not c.if_exists
}

# covered holds when another Deny of the policy catches the requests
# without the key.
covered if {
	some s in input.statements
	s.deny
	some c in s.conditions
	catches_absent(c)
}

catches_absent(c) if {
	c.key_lower in (mfa_keys | age_keys)
	c.base_lower == "null"
	some v in c.values
	lower(v.value) == "true"
}

catches_absent(c) if {
	c.key_lower in mfa_keys
	c.base_lower == "bool"
	c.if_exists
	some v in c.values
	lower(v.value) == "false"
}

finding(s, c) := result.at_key(result.finding(msg, c.pointer)) if {
	input.dialect == "aws"
	msg := sprintf("%s on %s is false when the request has no %s, which requests signed with long-term access keys never have: %s does not stop them; %s", [c.operator, c.key, c.key, iam.label(s), fix(c)])
}

finding(s, c) := result.softer(result.at_key(result.finding(msg, c.pointer)), "warning") if {
	input.dialect != "aws"
	msg := sprintf("%s on %s is false when the request has no %s, as calls with an AccessKey may not: then %s does not stop them; %s", [c.operator, c.key, c.key, iam.label(s), fix(c)])
}

fix(c) := sprintf("use BoolIfExists (or add a Deny with \"Null\": {\"%s\": \"true\"})", [c.key]) if c.base_lower == "bool"

fix(c) := sprintf("use %sIfExists (or add a Deny with \"Null\": {\"%s\": \"true\"})", [c.base, c.key]) if c.base_lower != "bool"
