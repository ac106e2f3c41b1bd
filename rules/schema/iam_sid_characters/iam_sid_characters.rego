# METADATA
# title: Sid with characters IAM rejects
# description: >-
#   The Sid of a statement in an AWS IAM policy (identity policy,
#   permissions boundary, session policy or role trust policy) holds a
#   character other than an ASCII letter or digit. IAM accepts only
#   [A-Za-z0-9] there and rejects the document. Resource policies of
#   other services (S3, KMS, SNS …) allow more, and control policies are
#   Organizations' own grammar: neither is checked.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
# custom:
#   id: SCH016
#   name: iam-sid-characters
#   severity: error
#   dialects: [aws]
#   kinds: [identity, trust, boundary, session]
#   rationale: >-
#     "read-reports" or "Allow S3 read" are natural Sids, accepted in a
#     bucket policy, and refused by IAM when the same statements are
#     copied into a role's policy: the change fails at deployment, long
#     after review. AWS's own managed policies use letters and digits
#     only.
#   remediation: >-
#     Write the Sid in letters and digits only, for instance in
#     CamelCase: "ReadReports".
package rampart.rules.schema.iam_sid_characters

import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.sid != ""
	not regex.match(`^[A-Za-z0-9]+$`, s.sid)
	bad := concat("", sort({c | some c in regex.find_n(`[^A-Za-z0-9]`, s.sid, -1)}))
	msg := sprintf("Sid %q holds %s: IAM accepts only letters and digits in a Sid and rejects the policy; write %q", [s.sid, characters(bad), suggestion(s.sid)])
	f := result.finding(msg, concat("/", [s.pointer, "Sid"]))
}

# characters quotes the offending characters for the message.
characters(bad) := "a space" if {
	bad == " "
} else := sprintf("%q", [bad]) if {
	count(bad) == 1
} else := sprintf("the characters %q", [bad])

# suggestion is the Sid in CamelCase without the other characters.
suggestion(sid) := s if {
	words := [w | some w in regex.split(`[^A-Za-z0-9]+`, sid); w != ""]
	s := concat("", [capitalised(w) | some w in words])
	s != ""
} else := "S1"

capitalised(w) := concat("", [upper(substring(w, 0, 1)), substring(w, 1, -1)])
