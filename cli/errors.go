package cli

import "fmt"

// usageError marks mistakes in how brief was called (exit status 2), as
// opposed to failures while doing the work (exit status 1).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// exitError ends a command with a given status, after the command has
// already said what went wrong.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// isCobraUsage recognises the errors cobra builds itself for unknown
// commands, which carry no type of their own.
func isCobraUsage(err error) bool {
	msg := err.Error()
	return len(msg) > 15 && msg[:15] == "unknown command"
}
