package finding

import (
	"errors"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// The rules rampart applies before any lint rule: reading and validating
// files. They are not Rego rules, but they have IDs like the others so that
// configs, suppressions and reports treat every finding alike.
var (
	RuleSyntax           = Rule{ID: "VAL001", Name: "syntax", Category: "validation", Severity: Error, Title: "Malformed JSON or YAML", Description: "The file cannot be parsed."}
	RuleDuplicateKey     = Rule{ID: "VAL002", Name: "duplicate-key", Category: "validation", Severity: Error, Title: "Duplicate key", Description: "An object holds the same key twice; parsers disagree on which value wins, so a reviewer may read a different policy than the cloud enforces."}
	RuleSchema           = Rule{ID: "VAL003", Name: "schema", Category: "validation", Severity: Error, Title: "Document does not fit its schema", Description: "A key, value or type that the dialect's grammar does not allow."}
	RuleMissingReference = Rule{ID: "VAL004", Name: "missing-reference", Category: "validation", Severity: Error, Title: "Reference to a missing file", Description: "An inventory or scenario file names a file that does not exist."}
	RuleOutsideRoot      = Rule{ID: "VAL005", Name: "reference-outside-repository", Category: "validation", Severity: Error, Title: "Reference leaves the repository", Description: "A reference resolves outside the repository root (directly or through a symbolic link); rampart refuses to read it."}
	RuleDialect          = Rule{ID: "VAL006", Name: "dialect", Category: "validation", Severity: Error, Title: "Dialect unknown or inconsistent", Description: "The document's dialect cannot be determined, or its kind does not exist in the dialect."}
	RuleLimit            = Rule{ID: "VAL007", Name: "input-limit", Category: "validation", Severity: Error, Title: "Input beyond a limit", Description: "The file is larger, deeper or longer than rampart accepts (4 MiB, 64 levels, YAML alias expansion, string length, statements per document)."}
	RuleEncoding         = Rule{ID: "VAL008", Name: "encoding", Category: "validation", Severity: Error, Title: "Invalid text encoding", Description: "Invalid UTF-8, NUL bytes or unpaired surrogates."}
	RuleUnknownPolicy    = Rule{ID: "VAL009", Name: "unknown-policy", Category: "validation", Severity: Error, Title: "Unknown system or managed policy", Description: "An inventory names a policy that is neither a file nor a system or managed policy rampart knows."}
	RuleInventory        = Rule{ID: "VAL010", Name: "inventory", Category: "validation", Severity: Error, Title: "Inconsistent inventory", Description: "An inventory refers to a group, role or account that is not defined, or defines one twice."}
	RuleScenarioFailed   = Rule{ID: "SIM001", Name: "scenario-failed", Category: "simulation", Severity: Error, Title: "Scenario expectation failed", Description: "The evaluator's decision differs from the scenario's expectation."}
	RuleScenarioError    = Rule{ID: "SIM002", Name: "scenario-error", Category: "simulation", Severity: Error, Title: "Scenario cannot be evaluated", Description: "The scenario names a principal, role or policy that does not exist, or its assume chain has a cycle."}
)

// BuiltinRules lists the rules above.
var BuiltinRules = []Rule{
	RuleSyntax, RuleDuplicateKey, RuleSchema, RuleMissingReference, RuleOutsideRoot, RuleDialect,
	RuleLimit, RuleEncoding, RuleUnknownPolicy, RuleInventory, RuleScenarioFailed, RuleScenarioError,
}

// At builds a finding of rule r at the element ptr of doc, with its position
// and fingerprint.
func At(r Rule, doc *policydoc.Document, ptr string, t policydoc.Target, msg string) Finding {
	f := Finding{Rule: r.ID, Name: r.Name, Category: r.Category, Severity: r.Severity, Message: msg, Pointer: ptr}
	if doc == nil {
		return f
	}
	f.File = doc.Path
	f.Pointer = doc.Prefix + ptr
	rng, _ := doc.Locate(ptr, t)
	f.Line, f.Column, f.EndLine, f.EndColumn = rng.Start.Line, rng.Start.Col, rng.End.Line, rng.End.Col
	f.Fingerprint = Fingerprint(r.ID, doc.Path, doc.Prefix+doc.Anchor(ptr))
	return f
}

// InFile builds a finding of rule r about a whole file or a position in it
// that no document tree holds (a file that does not parse).
func InFile(r Rule, file string, start, end policydoc.Pos, msg string) Finding {
	f := Finding{Rule: r.ID, Name: r.Name, Category: r.Category, Severity: r.Severity, Message: msg, File: file,
		Line: start.Line, Column: start.Col, EndLine: end.Line, EndColumn: end.Col}
	f.Fingerprint = Fingerprint(r.ID, file, msg)
	return f
}

// FromParseError turns a parse error into a finding of the matching rule;
// any other error becomes a syntax finding at the top of the file.
func FromParseError(file string, err error) Finding {
	var pe *policydoc.Error
	if !errors.As(err, &pe) {
		return InFile(RuleSyntax, file, policydoc.Pos{Line: 1, Col: 1}, policydoc.Pos{Line: 1, Col: 1}, err.Error())
	}
	r := RuleSyntax
	switch pe.Code {
	case "duplicate-key":
		r = RuleDuplicateKey
	case "limit":
		r = RuleLimit
	case "encoding":
		r = RuleEncoding
	}
	end := pe.End
	if end.Line == 0 || (end.Line == pe.Start.Line && end.Col <= pe.Start.Col) {
		end = policydoc.Pos{Line: pe.Start.Line, Col: pe.Start.Col + 1}
	}
	return InFile(r, file, pe.Start, end, pe.Msg)
}
