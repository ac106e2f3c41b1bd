package lint

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"

	"github.com/rampart-iam/rampart/internal/finding"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is the file of accepted findings that rampart.yaml's baseline
// names. Findings are matched by fingerprint, which does not change when
// lines move or the file is reformatted; the other fields are there for a
// person reading the file.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Message     string `json:"message"`
}

// engineRule reports whether a rule is one of the engine's own (about the
// configuration or a failed rule), which a baseline never accepts.
func engineRule(id string) bool {
	for _, r := range engineRules {
		if r.ID == id {
			return true
		}
	}
	return false
}

// WriteBaseline writes a baseline of findings: every one that is not
// suppressed by rampart.yaml (findings the baseline already covers stay in
// it), leaving out the engine's own findings, sorted by file, rule and
// fingerprint.
func WriteBaseline(w io.Writer, findings []finding.Finding) error {
	b := Baseline{Version: BaselineVersion, Findings: []BaselineEntry{}}
	for _, f := range findings {
		if engineRule(f.Rule) || (f.Suppression != nil && f.Suppression.Kind != "baseline") || f.Fingerprint == "" {
			continue
		}
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: f.Fingerprint, Rule: f.Rule, File: f.File, Message: f.Message})
	}
	slices.SortFunc(b.Findings, func(x, y BaselineEntry) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Fingerprint, y.Fingerprint), cmp.Compare(x.Message, y.Message))
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// ReadBaseline reads a baseline file.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("read baseline: version %d, want %d", b.Version, BaselineVersion)
	}
	return &b, nil
}

// loadBaseline reads the baseline rampart.yaml names, if any. A missing
// file is not an error (it has not been written yet): the run says so in a
// note and baselines nothing.
func (e *Engine) loadBaseline() error {
	name := e.cfg.Baseline
	if name == "" {
		return nil
	}
	name = path.Clean(name)
	src, err := fs.ReadFile(e.opts.FS, name)
	if errors.Is(err, fs.ErrNotExist) {
		e.notes = append(e.notes, Note{File: name, Message: "the baseline file does not exist yet, so no finding is baselined; write it with --write-baseline"})
		return nil
	}
	if err != nil {
		return fmt.Errorf("baseline %s: %w", name, err)
	}
	b, err := ReadBaseline(bytes.NewReader(src))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	e.baseline = map[string]int{}
	for _, f := range b.Findings {
		e.baseline[f.Fingerprint]++
	}
	return nil
}

// applyBaseline suppresses the findings the baseline accepts. Each entry
// covers one finding, so a second finding with the same fingerprint (the
// same problem added again) is not hidden by it.
func (e *Engine) applyBaseline(fs []finding.Finding) {
	if len(e.baseline) == 0 {
		return
	}
	left := make(map[string]int, len(e.baseline))
	for k, v := range e.baseline {
		left[k] = v
	}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed || engineRule(f.Rule) || left[f.Fingerprint] == 0 {
			continue
		}
		left[f.Fingerprint]--
		f.Suppressed = true
		f.Suppression = &finding.Suppression{Kind: "baseline"}
	}
}
