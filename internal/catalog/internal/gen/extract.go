package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// extractSources refreshes the derived inputs in dst from the full
// catalog-sources tables in src. Only the columns and rows the generator
// reads are kept.
func extractSources(src, dst string) error {
	fs, err := readFactsFile(filepath.Join(dst, "acs-facts.tsv"))
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, s := range fs.services {
		for _, p := range s.products {
			want[p] = true
		}
	}
	cols := []string{"product_code", "api_version", "api_name", "source", "deprecated", "operation_type", "file"}
	var lines []string
	for _, in := range []struct{ file, tag string }{{"acs-api-names.tsv", "main"}, {"acs-api-names-other-versions.tsv", "other"}} {
		rows, err := tsvRows(filepath.Join(src, in.file))
		if err != nil {
			return err
		}
		for _, r := range rows {
			if !want[r["product_code"]] {
				continue
			}
			r["file"] = in.tag
			lines = append(lines, joinCols(r, cols))
		}
	}
	// Main-file rows first within a product, so that the chosen API version
	// gives an action its level and source.
	sort.SliceStable(lines, func(i, j int) bool { return lessRow(lines[i], lines[j]) })
	if err := writeLines(filepath.Join(dst, "acs-apis.tsv"), cols, lines); err != nil {
		return err
	}

	jcols := []string{"service", "api_name", "policy_action_lower_camel", "api_version", "http_method", "source"}
	rows, err := tsvRows(filepath.Join(src, "jdcloud-api-names.tsv"))
	if err != nil {
		return err
	}
	lines = lines[:0]
	for _, r := range rows {
		if r["service_in_iam_support_list"] == "yes" {
			lines = append(lines, joinCols(r, jcols))
		}
	}
	sort.Strings(lines)
	if err := writeLines(filepath.Join(dst, "jdcloud-apis.tsv"), jcols, lines); err != nil {
		return err
	}

	b, err := os.ReadFile(filepath.Join(src, "acs-oss-ram-actions.tsv"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dst, "acs-oss-ram-actions.tsv"), b, 0o644)
}

func lessRow(a, b string) bool {
	fa, fb := strings.Split(a, "\t"), strings.Split(b, "\t")
	// product, file (main < other), version, name
	ka := []string{fa[0], fa[6], fa[1], fa[2]}
	kb := []string{fb[0], fb[6], fb[1], fb[2]}
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	return false
}

func joinCols(r map[string]string, cols []string) string {
	vals := make([]string, len(cols))
	for i, c := range cols {
		vals[i] = r[c]
	}
	return strings.Join(vals, "\t")
}

func writeLines(path string, cols, lines []string) error {
	text := strings.Join(cols, "\t") + "\n" + strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
