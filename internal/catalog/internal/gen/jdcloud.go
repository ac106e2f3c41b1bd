package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rampart-iam/rampart/internal/catalog/internal/catfile"
)

// buildJDCloud makes the JD Cloud catalogue from dir: jdcloud-facts.tsv
// (hand-maintained) and jdcloud-apis.tsv (one row per SDK API of the
// services JD lists as supporting IAM).
func buildJDCloud(dir string) (*catfile.File, error) {
	fs, err := readFactsFile(filepath.Join(dir, "jdcloud-facts.tsv"))
	if err != nil {
		return nil, err
	}
	rows, err := tsvRows(filepath.Join(dir, "jdcloud-apis.tsv"))
	if err != nil {
		return nil, err
	}
	b := newBuilder("jdcloud", fs)
	rules := fs.levels()
	for _, r := range rows {
		if err := need(r, "service", "api_name", "policy_action_lower_camel", "source"); err != nil {
			return nil, fmt.Errorf("jdcloud-apis.tsv: %w", err)
		}
		code, name, ok := strings.Cut(r["policy_action_lower_camel"], ":")
		if !ok || code != r["service"] {
			return nil, fmt.Errorf("jdcloud-apis.tsv: action %q does not start with %s:", r["policy_action_lower_camel"], r["service"])
		}
		level, derived := deriveLevel(rules, code, name, "", r["http_method"])
		b.service(code).add(catfile.Action{Name: name, Level: level, Derived: derived, Source: fs.withCommits(r["source"])})
	}
	if err := b.applyFacts(); err != nil {
		return nil, fmt.Errorf("jdcloud facts: %w", err)
	}
	c := fs.catalog
	return b.file(factKeys(fs), catfile.Source{Name: c[0], Version: c[1], Date: c[2], Detail: c[3]}), nil
}
