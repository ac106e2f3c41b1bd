package main

import (
	"errors"
	"fmt"
	"io"
)

// The exit codes.
const (
	exitClean    = 0 // nothing at or above --fail-on; for can: allowed
	exitFindings = 1 // findings, failed scenarios, new access, fmt -d changes; for can: denied
	exitUsage    = 2 // usage, configuration or I/O error
)

// exitError carries an exit code out of a command. A nil err means the
// command already said what there was to say.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// failed ends a command with exit code 1 and nothing more to print.
func failed() error { return &exitError{code: exitFindings} }

// usageError ends a command with exit code 2 and a message.
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// exitCode maps the error a command returned to the process exit code and
// prints its message. Anything that is not an exitError is a usage, config
// or I/O problem.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitClean
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "rampart: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "rampart: %v\n", err)
	return exitUsage
}
