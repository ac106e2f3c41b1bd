package main

import (
	"path/filepath"
	"runtime"
	"testing"
)

// TestDeterministicOutput runs check over every fixture several times with
// different numbers of OS threads and requires byte-identical output: the
// JSON report of every fixture at four settings, and every other format of
// the largest fixtures at two. (The formats render one result; their
// golden tests pin the rendering itself.)
func TestDeterministicOutput(t *testing.T) {
	dirs, _ := filepath.Glob("../../fixtures/*")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	same := func(t *testing.T, dir, format string, procs []int) {
		var first string
		for i, n := range procs {
			runtime.GOMAXPROCS(n)
			code, stdout, stderr := runIn(t, dir, "check", "--format", format, "--color", "never")
			if code == 2 {
				t.Fatalf("exit 2: %s", stderr)
			}
			if i == 0 {
				first = stdout
				continue
			}
			if stdout != first {
				t.Fatalf("output with GOMAXPROCS=%d differs from the one with %d:\n%s\n---\n%s", n, procs[0], first, stdout)
			}
		}
	}
	for _, d := range dirs {
		abs, _ := filepath.Abs(d)
		t.Run(filepath.Base(d)+"/json", func(t *testing.T) { same(t, abs, "json", []int{1, 4, 2, 8}) })
	}
	for _, name := range []string{"review-trust", "review-hygiene", "aws-org"} {
		abs, _ := filepath.Abs(filepath.Join("../../fixtures", name))
		for _, format := range []string{"text", "sarif", "junit", "markdown", "github"} {
			t.Run(name+"/"+format, func(t *testing.T) { same(t, abs, format, []int{1, 8}) })
		}
	}
}
