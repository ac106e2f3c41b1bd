// Package schema holds rampart's JSON schemas — policies of each dialect and
// kind, the inventory file, the scenario file and rampart.yaml — embedded in
// the binary, and validates documents against them. Every violation becomes
// a finding at the exact element at fault, worded for a person rather than
// in the validator's terms.
package schema

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

//go:generate go test -run TestSchemasFresh -update .

//go:embed schemas/*.json
var files embed.FS

// Names lists the schemas `rampart schema print` knows, in order.
func Names() []string {
	entries, _ := fs.ReadDir(files, "schemas")
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	return out
}

// Source returns the text of a schema.
func Source(name string) ([]byte, error) {
	b, err := files.ReadFile("schemas/" + name + ".json")
	if err != nil {
		return nil, fmt.Errorf("no schema called %q; the schemas are %s", name, strings.Join(Names(), ", "))
	}
	return b, nil
}

// PolicySchema names the schema of a policy document of a dialect and kind.
// Boundaries and session policies are identity policies; the second result
// is false when the dialect has no such kind.
func PolicySchema(d policydoc.Dialect, k policydoc.Kind) (string, bool) {
	switch k {
	case policydoc.Boundary, policydoc.Session:
		k = policydoc.Identity
	}
	name := string(d) + "-" + string(k)
	_, err := files.Open("schemas/" + name + ".json")
	return name, err == nil
}

// Validator validates documents against the compiled schemas. It is safe for
// concurrent use.
type Validator struct {
	schemas map[string]*gojsonschema.Schema
}

// New returns a validator of every embedded schema. The schemas are
// compiled once per process: they are fixed when rampart is built and a
// compiled schema is never changed.
func New() (*Validator, error) {
	return compiled()
}

var compiled = sync.OnceValues(compile)

// compile compiles every embedded schema.
func compile() (*Validator, error) {
	v := &Validator{schemas: map[string]*gojsonschema.Schema{}}
	for _, name := range Names() {
		src, err := Source(name)
		if err != nil {
			return nil, err
		}
		sl := gojsonschema.NewSchemaLoader()
		sl.Draft = gojsonschema.Draft7
		sl.AutoDetect = false
		s, err := sl.Compile(gojsonschema.NewBytesLoader(src))
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", name, err)
		}
		v.schemas[name] = s
	}
	return v, nil
}
