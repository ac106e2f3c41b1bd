# METADATA
# title: Two statements share a Sid
# description: >-
#   Two statements of one document have the same Sid. The finding is at
#   the second, and points back at the first.
# custom:
#   id: SCH009
#   name: duplicate-sid
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A Sid is how people, suppressions and baselines name a statement.
#     Two statements with one Sid are ambiguous in reviews and in
#     rampart.yaml (a suppression by Sid covers both), and AWS rejects
#     duplicate Sids in several policy types outright.
#   remediation: >-
#     Give each statement its own Sid, or merge the two statements if they
#     say the same thing.
package rampart.rules.schema.duplicate_sid

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.sid != ""
	first := input.statements[firsts[s.sid]]
	first.index != s.index
	msg := sprintf("Sid %q is also the Sid of statement %d; %s", [s.sid, first.index, "Sids name statements in reviews and suppressions, so each must be unique"])
	f := result.with_related(
		result.finding(msg, concat("/", [s.pointer, "Sid"])),
		[result.related(sprintf("first %s", [iam.label(first)]), concat("/", [first.pointer, "Sid"]))],
	)
}

# firsts maps each Sid used more than once to the position of its first
# statement in the list.
firsts[sid] := min(positions) if {
	some s in input.statements
	sid := s.sid
	sid != ""
	positions := {i | some i, t in input.statements; t.sid == sid}
	count(positions) > 1
}
