package format

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// context is the number of unchanged lines a hunk shows around a change.
const context = 3

// Unified returns a unified diff from a to b with three lines of context,
// headed "--- a/NAME" and "+++ b/NAME" as git writes them, so that `patch
// -p1` and `git apply` read it from the directory NAME is relative to. It
// returns nil when a and b are equal.
func Unified(name string, a, b []byte) []byte {
	if bytes.Equal(a, b) {
		return nil
	}
	ls := lineDiff(string(a), string(b))
	var out bytes.Buffer
	out.WriteString("--- a/" + name + "\n+++ b/" + name + "\n")
	for start := 0; start < len(ls); {
		// Find the next change, then extend the hunk while the next change
		// is close enough for the contexts to touch.
		first := start
		for first < len(ls) && ls[first].op == diffmatchpatch.DiffEqual {
			first++
		}
		if first == len(ls) {
			break
		}
		last := first // the last changed line of the hunk
		for i := first + 1; i < len(ls) && i-last <= 2*context+1; i++ {
			if ls[i].op != diffmatchpatch.DiffEqual {
				last = i
			}
		}
		lo, hi := max(first-context, start), min(last+context+1, len(ls))
		writeHunk(&out, ls, lo, hi)
		start = hi
	}
	return out.Bytes()
}

// diffLine is one line of a line diff, with its 0-based index in the old
// text (for equal and deleted lines) and in the new text (for equal and
// inserted lines).
type diffLine struct {
	op         diffmatchpatch.Operation
	text       string // with its line break, if it has one
	oldN, newN int
}

func lineDiff(a, b string) []diffLine {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	r1, r2, lines := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(r1, r2, false), lines)
	var out []diffLine
	oldN, newN := 0, 0
	for _, d := range diffs {
		for _, text := range splitLines(d.Text) {
			out = append(out, diffLine{op: d.Type, text: text, oldN: oldN, newN: newN})
			if d.Type != diffmatchpatch.DiffInsert {
				oldN++
			}
			if d.Type != diffmatchpatch.DiffDelete {
				newN++
			}
		}
	}
	return out
}

// splitLines splits text after each "\n"; a last line without one is kept.
func splitLines(text string) []string {
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func writeHunk(out *bytes.Buffer, ls []diffLine, lo, hi int) {
	oldStart, newStart := ls[lo].oldN, ls[lo].newN
	oldCount, newCount := 0, 0
	for _, l := range ls[lo:hi] {
		if l.op != diffmatchpatch.DiffInsert {
			oldCount++
		}
		if l.op != diffmatchpatch.DiffDelete {
			newCount++
		}
	}
	out.WriteString("@@ -" + hunkRange(oldStart, oldCount) + " +" + hunkRange(newStart, newCount) + " @@\n")
	for _, l := range ls[lo:hi] {
		switch l.op {
		case diffmatchpatch.DiffEqual:
			out.WriteByte(' ')
		case diffmatchpatch.DiffDelete:
			out.WriteByte('-')
		case diffmatchpatch.DiffInsert:
			out.WriteByte('+')
		}
		out.WriteString(l.text)
		if !strings.HasSuffix(l.text, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange writes the range of a hunk header: "start,count", 1-based, the
// count left out when it is 1; an empty range names the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return strconv.Itoa(start) + ",0"
	case 1:
		return strconv.Itoa(start + 1)
	}
	return strconv.Itoa(start+1) + "," + strconv.Itoa(count)
}
