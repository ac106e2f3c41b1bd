// Command rampart is a policy-as-code linter and simulator for cloud IAM:
// Alibaba Cloud RAM, JD Cloud IAM and AWS IAM.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCommand(&streams{in: stdin, out: stdout, err: stderr})
	root.SetArgs(args)
	return exitCode(root.Execute(), stderr)
}
