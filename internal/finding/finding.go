// Package finding holds the one type every producer of problems returns: the
// schema validator, the lint rules and the scenario runner. It also orders
// findings and gives each a fingerprint that survives reformatting and moved
// lines, for baselines and code-scanning alerts.
package finding

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Severity is how much a finding matters.
type Severity int

// The severities, lowest first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity accepts "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q: want error, warning or info", s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Finding is one problem at one place.
type Finding struct {
	Rule        string       `json:"rule"`
	Name        string       `json:"name"`
	Category    string       `json:"category"`
	Severity    Severity     `json:"severity"`
	Message     string       `json:"message"`
	File        string       `json:"file"`
	Pointer     string       `json:"pointer"`
	Line        int          `json:"line"`
	Column      int          `json:"column"`
	EndLine     int          `json:"end_line"`
	EndColumn   int          `json:"end_column"`
	Fingerprint string       `json:"fingerprint"`
	Suppressed  bool         `json:"suppressed"`
	Suppression *Suppression `json:"suppression,omitempty"`
	Related     []Related    `json:"related,omitempty"`
}

// Suppression says what covers a suppressed finding.
type Suppression struct {
	Kind    string `json:"kind"` // "config" or "baseline"
	Reason  string `json:"reason,omitempty"`
	Owner   string `json:"owner,omitempty"`
	Expires string `json:"expires,omitempty"`
}

// Related is a second place that explains a finding: the first of two
// duplicate Sids, a step of an escalation path.
type Related struct {
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Pointer string `json:"pointer,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

// Location is the part of a finding that says where.
func (f Finding) Location() string {
	if f.Line == 0 {
		return f.File
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
}

// Compare orders findings by file, line, column, rule and message.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Pointer, b.Pointer),
	)
}

// Sort orders findings in place (see Compare).
func Sort(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// Fingerprint hashes a rule, a file and a stable anchor inside the file (see
// policydoc.Document.Anchor) into a short hex string. It does not depend on
// line numbers, so it survives reformatting and edits elsewhere in the file.
func Fingerprint(rule, file, anchor string) string {
	h := sha256.New()
	for _, part := range []string{rule, file, anchor} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Counts tallies findings by severity, leaving out suppressed ones.
type Counts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Count tallies the findings that are not suppressed.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		if f.Suppressed {
			continue
		}
		switch f.Severity {
		case Error:
			c.Error++
		case Warning:
			c.Warning++
		default:
			c.Info++
		}
	}
	return c
}

// AtOrAbove reports whether any unsuppressed finding has at least the given
// severity.
func AtOrAbove(fs []Finding, s Severity) bool {
	for _, f := range fs {
		if !f.Suppressed && f.Severity >= s {
			return true
		}
	}
	return false
}

// Rule describes a rule for reports that list the catalogue (SARIF) and for
// `rampart rules`.
type Rule struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Category    string   `json:"category"`
	Severity    Severity `json:"severity"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Remediation string   `json:"remediation,omitempty"`
	HelpURI     string   `json:"help_uri,omitempty"`
	Dialects    []string `json:"dialects,omitempty"`
}
