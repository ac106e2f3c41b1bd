package main

import (
	"path/filepath"
	"runtime"
	"testing"
)

// TestDeterministicOutput runs check over every fixture several times, with
// different numbers of OS threads, in every format, and requires
// byte-identical output.
func TestDeterministicOutput(t *testing.T) {
	dirs, _ := filepath.Glob("../../fixtures/*")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, d := range dirs {
		abs, _ := filepath.Abs(d)
		for _, format := range []string{"json", "text", "sarif", "junit", "markdown", "github"} {
			t.Run(filepath.Base(d)+"/"+format, func(t *testing.T) {
				var first string
				for i, procs := range []int{1, 4, 2, 8} {
					runtime.GOMAXPROCS(procs)
					code, stdout, stderr := runIn(t, abs, "check", "--format", format, "--color", "never")
					if code == 2 {
						t.Fatalf("exit 2: %s", stderr)
					}
					if i == 0 {
						first = stdout
						continue
					}
					if stdout != first {
						t.Fatalf("output with GOMAXPROCS=%d differs from the first run:\n%s\n---\n%s", procs, first, stdout)
					}
				}
			})
		}
	}
}
