package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mutations turn a valid file into broken ones of the kinds users and
// strangers' pull requests produce. With limits, also the ones that test
// the parsers' limits, which do not depend on the file they replace.
func mutations(name string, src []byte, limits bool) map[string][]byte {
	out := map[string][]byte{}
	for _, cut := range []int{1, len(src) / 2, len(src) - 2} {
		if cut > 0 && cut < len(src) {
			out[fmt.Sprintf("maybe-truncated-at-%d", cut)] = src[:cut]
		}
	}
	mid := len(src) / 2
	out["nul-byte"] = append(append(append([]byte{}, src[:mid]...), 0), src[mid:]...)
	out["invalid-utf8"] = append(append(append([]byte{}, src[:mid]...), 0xff, 0xfe), src[mid:]...)
	out["garbage-after"] = append(append([]byte{}, src...), []byte("\n}}} trailing")...)
	if name != "rampart.yaml" {
		out["empty"] = nil // an empty rampart.yaml is every default
	}
	if limits {
		out["deep-nesting"] = []byte(strings.Repeat("[", 100) + strings.Repeat("]", 100))
		out["huge"] = bytes.Repeat([]byte(" "), 4<<20+1)
	}
	if strings.HasSuffix(name, ".json") {
		out["bom"] = append([]byte("\xEF\xBB\xBF"), src...)
		out["comment"] = append([]byte("// policy\n"), src...)
		out["trailing-comma"] = bytes.Replace(src, []byte("\n  ]"), []byte(",\n  ]"), 1)
		if limits {
			out["long-string"] = []byte(`{"Version": "1", "Statement": [{"Sid": "` + strings.Repeat("x", 300<<10) + `"}]}`)
			out["many-statements"] = []byte(`{"Version": "1", "Statement": [` + strings.Repeat(`{"Effect":"Allow","Action":"*","Resource":"*"},`, 1500) + `{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
		}
	} else {
		out["tab-indent"] = bytes.ReplaceAll(src, []byte("  "), []byte("\t"))
		if limits {
			out["alias-bomb"] = []byte("a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n")
		}
		out["two-documents"] = append(append([]byte{}, src...), []byte("\n---\nx: 1\n")...)
		out["maybe-wrong-types"] = bytes.ReplaceAll(bytes.ReplaceAll(src, []byte(": ["), []byte(": {")), []byte("]\n"), []byte("}\n"))
	}
	return out
}

var locationRE = regexp.MustCompile(`(?m)^[^\s:]+\.(json|ya?ml):\d+:\d+: `)

// anyLocationRE finds a file:line:col anywhere in a message.
var anyLocationRE = regexp.MustCompile(`[^\s:]+\.(json|ya?ml):\d+:\d+`)

// TestHostileInputs runs the CLI over every fixture with one of its files
// broken in each of many ways: the exit code is 1 or 2 (0 is allowed only
// where the change may leave a valid file), the output names a
// file:line:col, and nothing panics. A change that may leave a valid file
// also goes through check, so that odd but valid input reaches the linter
// and the evaluator. Of each fixture, the first file of each role
// (configuration, inventory, scenarios, JSON and YAML documents) is
// broken, and the limits are tried on the first fixture's files: more
// files of the same kind find nothing new.
func TestHostileInputs(t *testing.T) {
	fixtures, _ := filepath.Glob("../../fixtures/*")
	runs := 0
	for i, fx := range fixtures {
		fx, _ := filepath.Abs(fx)
		var files []string
		seen := map[string]bool{}
		filepath.WalkDir(fx, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".yaml")) {
				return nil
			}
			role := filepath.Ext(p)
			for _, r := range []string{"rampart.yaml", "/accounts/", "/scenarios/", ".trust.", ".bucket."} {
				if strings.Contains(p, r) {
					role = r + role
				}
			}
			if !seen[role] {
				seen[role] = true
				files = append(files, p)
			}
			return nil
		})
		for _, victim := range files {
			rel, _ := filepath.Rel(fx, victim)
			src, _ := os.ReadFile(victim)
			for kind, broken := range mutations(rel, src, i == 0) {
				if testing.Short() && runs > 40 {
					return
				}
				runs++
				t.Run(filepath.Base(fx)+"/"+rel+"/"+kind, func(t *testing.T) {
					dir := t.TempDir()
					if err := os.CopyFS(dir, os.DirFS(fx)); err != nil {
						t.Fatal(err)
					}
					os.WriteFile(filepath.Join(dir, rel), broken, 0o644)
					code, stdout, stderr := runIn(t, dir, "validate")
					out := stdout + stderr
					if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
						t.Fatalf("stack trace:\n%s", out)
					}
					// A truncation or a type change may leave a valid file.
					maybe := strings.HasPrefix(kind, "maybe-")
					if code != 1 && code != 2 && !(maybe && code == 0) {
						t.Fatalf("exit %d, want 1 or 2:\n%s", code, out)
					}
					if code != 0 && !locationRE.MatchString(out) {
						t.Fatalf("no file:line:col in the output:\n%s", out)
					}
					if !maybe {
						return
					}
					code, stdout, stderr = runIn(t, dir, "check")
					out = stdout + stderr
					if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
						t.Fatalf("check: stack trace:\n%s", out)
					}
					if code == 2 && !anyLocationRE.MatchString(out) {
						t.Fatalf("check: exit 2 without a file:line:col:\n%s", out)
					}
				})
			}
		}
	}
}
