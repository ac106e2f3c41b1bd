package format

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	for _, c := range []struct{ name, a, b, want string }{
		{"equal", "x\n", "x\n", ""},
		{"one line", "a\nb\nc\n", "a\nB\nc\n", "--- a/p.json\n+++ b/p.json\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"from empty", "", "a\nb\n", "--- a/p.json\n+++ b/p.json\n@@ -0,0 +1,2 @@\n+a\n+b\n"},
		{"to empty", "a\n", "", "--- a/p.json\n+++ b/p.json\n@@ -1 +0,0 @@\n-a\n"},
		{"no final newline", "a\nb", "a\nb\n", "--- a/p.json\n+++ b/p.json\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12\n",
			"--- a/p.json\n+++ b/p.json\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+Y\n 12\n"},
		{"close changes share a hunk", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "X\n2\n3\n4\n5\n6\n7\nY\n9\n",
			"--- a/p.json\n+++ b/p.json\n@@ -1,9 +1,9 @@\n-1\n+X\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n 9\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := string(Unified("p.json", []byte(c.a), []byte(c.b)))
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestUnifiedApplies applies the diffs of random edits and checks that
// they give the new text, and that hunks hold at most three lines of
// context around their changes.
func TestUnifiedApplies(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"{", "}", "  \"Effect\": \"Allow\",", "  \"Action\": [", "    \"ecs:*\"", "  ],", "x", ""}
	text := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[rng.IntN(len(words))] + "\n")
		}
		s := b.String()
		if rng.IntN(5) == 0 {
			s = strings.TrimSuffix(s, "\n")
		}
		return s
	}
	for i := range 500 {
		a := text(rng.IntN(30))
		lines := strings.SplitAfter(a, "\n")
		for range rng.IntN(4) {
			if len(lines) > 0 {
				j := rng.IntN(len(lines))
				switch rng.IntN(3) {
				case 0:
					lines = append(lines[:j], lines[j+1:]...)
				case 1:
					lines[j] = "changed " + strconv.Itoa(i) + "\n"
				default:
					lines = append(lines[:j], append([]string{"added\n"}, lines[j:]...)...)
				}
			}
		}
		b := strings.Join(lines, "")
		if rng.IntN(3) == 0 {
			b = text(rng.IntN(30))
		}
		d := Unified("p.json", []byte(a), []byte(b))
		got, err := applyUnified(a, string(d))
		if err != nil {
			t.Fatalf("case %d: %v\na=%q\nb=%q\ndiff:\n%s", i, err, a, b, d)
		}
		if got != b {
			t.Fatalf("case %d: applying gives %q, want %q\ndiff:\n%s", i, got, b, d)
		}
	}
}

// FuzzUnified checks that the diff of any two texts applies to the first
// and gives the second.
func FuzzUnified(f *testing.F) {
	f.Add([]byte("a\nb\nc\n"), []byte("a\nc\nd"))
	f.Add([]byte(""), []byte("x"))
	f.Add([]byte("{\n  \"Statement\": [],\n  \"Version\": \"1\"\n}"), []byte("{\n  \"Version\": \"1\",\n  \"Statement\": []\n}\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		d := Unified("p", a, b)
		if bytes.Equal(a, b) != (d == nil) {
			t.Fatalf("diff of %q and %q: %q", a, b, d)
		}
		got, err := applyUnified(string(a), string(d))
		if err != nil {
			t.Fatalf("%v\na=%q\nb=%q\ndiff:\n%s", err, a, b, d)
		}
		if got != string(b) {
			t.Fatalf("applying gives %q, want %q\ndiff:\n%s", got, b, d)
		}
	})
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// applyUnified applies a unified diff as patch does, strictly: every
// context and deleted line must match, every hunk header must count its
// lines, and a hunk has at most three lines of context at each end.
func applyUnified(a, diff string) (string, error) {
	if diff == "" {
		return a, nil
	}
	old := strings.SplitAfter(a, "\n")
	if old[len(old)-1] == "" {
		old = old[:len(old)-1]
	}
	dl := strings.SplitAfter(diff, "\n")
	if len(dl) < 3 || dl[0] != "--- a/p.json\n" && dl[0] != "--- a/p\n" || !strings.HasPrefix(dl[1], "+++ b/") {
		return "", fmt.Errorf("bad headers %q", dl[:min(2, len(dl))])
	}
	var out []string
	pos := 0
	i := 2
	for i < len(dl) && dl[i] != "" {
		m := hunkHeader.FindStringSubmatch(strings.TrimSuffix(dl[i], "\n"))
		if m == nil {
			return "", fmt.Errorf("bad hunk header %q", dl[i])
		}
		count := func(s string) int {
			if s == "" {
				return 1
			}
			n, _ := strconv.Atoi(s)
			return n
		}
		oldStart, oldCount, newCount := count(m[1]), count(m[2]), count(m[4])
		if oldCount > 0 {
			oldStart--
		}
		if oldStart < pos {
			return "", fmt.Errorf("hunk %q overlaps the one before", dl[i])
		}
		out = append(out, old[pos:oldStart]...)
		pos = oldStart
		i++
		var seenOld, seenNew, lead, trail int
		changed := false
		for i < len(dl) && dl[i] != "" && !strings.HasPrefix(dl[i], "@@") {
			line := dl[i]
			i++
			noNL := i < len(dl) && dl[i] == "\\ No newline at end of file\n"
			if noNL {
				i++
			}
			text := line[1:]
			if noNL {
				text = strings.TrimSuffix(text, "\n")
			}
			switch line[0] {
			case ' ', '-':
				if pos >= len(old) || old[pos] != text {
					return "", fmt.Errorf("line %d does not match %q", pos+1, text)
				}
				pos++
				seenOld++
				if line[0] == ' ' {
					out = append(out, text)
					seenNew++
					if changed {
						trail++
					} else {
						lead++
					}
				} else {
					changed, trail = true, 0
				}
			case '+':
				out = append(out, text)
				seenNew++
				changed, trail = true, 0
			default:
				return "", fmt.Errorf("bad diff line %q", line)
			}
		}
		if seenOld != oldCount || seenNew != newCount {
			return "", fmt.Errorf("hunk counts %d,%d lines, header says %d,%d", seenOld, seenNew, oldCount, newCount)
		}
		if !changed || lead > 3 || trail > 3 {
			return "", fmt.Errorf("hunk with %d leading and %d trailing lines of context", lead, trail)
		}
	}
	out = append(out, old[pos:]...)
	return strings.Join(out, ""), nil
}
