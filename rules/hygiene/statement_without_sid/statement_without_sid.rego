# METADATA
# title: Statement without Sid in a policy of several statements
# description: >-
#   A statement has no Sid although its policy holds several statements.
#   Findings, suppressions and reviews then name it by its position
#   ("statement 2"), which changes as soon as a statement above it is
#   added or removed. Policies of one statement are left alone. Off by
#   default; AWS only, since Alibaba Cloud RAM and JD Cloud do not document
#   Sid for identity and trust policies.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
# custom:
#   id: HYG002
#   name: statement-without-sid
#   severity: info
#   dialects: [aws]
#   default: "off"
#   rationale: >-
#     A suppression in rampart.yaml names the statement it covers by Sid or
#     by index. An index silently moves to another statement when the
#     policy is edited, so a reason written for one grant ends up
#     excusing another; a Sid stays with its statement. Reviewers also
#     discuss "AssumeDeploy" more easily than "statement 3".
#   remediation: >-
#     Give every statement a short Sid that says what it is for, letters
#     and digits only (IAM accepts nothing else): "ReadReports",
#     "DenyOutsideOffice".
package rampart.rules.hygiene.statement_without_sid

import data.rampart.lib.result

deny contains f if {
	n := count(input.statements)
	n > 1
	some s in input.statements
	s.sid == ""
	msg := sprintf("statement %d has no Sid in a policy of %d statements: findings and suppressions name it by its position, which changes when the policy is edited", [s.index, n])
	f := result.finding(msg, s.pointer)
}
