package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rampart-iam/rampart/internal/catalog/internal/catfile"
)

// buildACS makes the Alibaba Cloud catalogue from the files in dir:
// acs-facts.tsv (hand-maintained), acs-apis.tsv (API names per SDK product)
// and acs-oss-ram-actions.tsv (OSS API → RAM action table).
func buildACS(dir string) (*catfile.File, error) {
	fs, err := readFactsFile(filepath.Join(dir, "acs-facts.tsv"))
	if err != nil {
		return nil, err
	}
	if err := loadOSSTable(fs, filepath.Join(dir, "acs-oss-ram-actions.tsv")); err != nil {
		return nil, err
	}
	rows, err := tsvRows(filepath.Join(dir, "acs-apis.tsv"))
	if err != nil {
		return nil, err
	}
	byProduct := map[string][]map[string]string{}
	for _, r := range rows {
		if err := need(r, "product_code", "api_name", "source"); err != nil {
			return nil, fmt.Errorf("acs-apis.tsv: %w", err)
		}
		byProduct[r["product_code"]] = append(byProduct[r["product_code"]], r)
	}
	b := newBuilder("acs", fs)
	rules := fs.levels()
	for _, fsv := range fs.services {
		s := b.service(fsv.code)
		mapping := fs.apis[fsv.code]
		for _, p := range fsv.products {
			prs := byProduct[p]
			if len(prs) == 0 {
				return nil, fmt.Errorf("service %s: product %s has no API names in acs-apis.tsv", fsv.code, p)
			}
			for _, r := range prs {
				api := r["api_name"]
				dep := r["deprecated"] == "true"
				src := fs.withCommits(r["source"])
				m, mapped := mapping[strings.ToLower(api)]
				if !mapped {
					level, derived := deriveLevel(rules, fsv.code, api, r["operation_type"], "")
					s.add(catfile.Action{Name: api, Level: level, Derived: derived, Deprecated: dep, Source: src})
					continue
				}
				for _, name := range m.actions {
					level, derived := deriveLevel(rules, fsv.code, name, "", "")
					if strings.EqualFold(name, api) {
						level, derived = deriveLevel(rules, fsv.code, name, r["operation_type"], "")
					}
					s.add(catfile.Action{Name: name, Level: level, Derived: derived, Source: m.url})
				}
			}
		}
		// Actions the mapping tables name that no SDK API carries.
		for _, m := range mapping {
			for _, name := range m.actions {
				level, derived := deriveLevel(rules, fsv.code, name, "", "")
				s.add(catfile.Action{Name: name, Level: level, Derived: derived, Source: m.url})
			}
		}
	}
	if err := b.applyFacts(); err != nil {
		return nil, fmt.Errorf("acs facts: %w", err)
	}
	c := fs.catalog
	return b.file(factKeys(fs), catfile.Source{Name: c[0], Version: c[1], Date: c[2], Detail: c[3]}), nil
}

// loadOSSTable turns the OSS API → RAM action table into api mapping
// records of the "oss" service. Rows about calls that carry a versionId add
// their actions under a synthetic API name, so that the actions exist
// without remapping the plain API.
func loadOSSTable(fs *facts, path string) error {
	rows, err := tsvRows(path)
	if err != nil {
		return err
	}
	m := fs.apis["oss"]
	if m == nil {
		m = map[string]factAPI{}
		fs.apis["oss"] = m
	}
	for i, r := range rows {
		if err := need(r, "api_name", "ram_actions", "source"); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		var actions []string
		for _, a := range optList(r["ram_actions"]) {
			code, name, ok := strings.Cut(a, ":")
			if !ok || code != "oss" {
				return fmt.Errorf("%s row %d: action %q is not oss:Name", path, i+2, a)
			}
			actions = append(actions, name)
		}
		url := fs.withCommits(r["source"])
		paren := r["api_parenthetical"]
		if strings.Contains(paren, "versionId") {
			key := strings.ToLower(r["api_name"]) + "#version"
			m[key] = factAPI{api: r["api_name"], actions: actions, url: url}
			continue
		}
		if _, ok := m[strings.ToLower(r["api_name"])]; !ok { // the facts file wins
			m[strings.ToLower(r["api_name"])] = factAPI{api: r["api_name"], actions: actions, url: url}
		}
		// "GetService (ListBuckets)": the SDK may use the name in parentheses.
		if paren != "" && !strings.Contains(paren, " ") {
			if _, ok := m[strings.ToLower(paren)]; !ok {
				m[strings.ToLower(paren)] = factAPI{api: paren, actions: actions, url: url}
			}
		}
	}
	return nil
}
