// Package rules holds rampart's lint rules: Rego modules, one folder per
// rule (rules/<category>/<slug>/ with <slug>.rego, <slug>_test.rego and
// examples/), the shared helpers under lib/, and the JSON schemas of the
// input the rules read (input/document.json for the document pass,
// input/workspace.json for the workspace pass). Package lint compiles them;
// this package only embeds them.
//
// The per-rule README.md pages and the index README.md are generated from
// the rules' METADATA and examples; `go generate ./rules` rewrites them and
// the examples' .want files.
package rules

import "embed"

//go:generate go test -run ^TestGenerated$ -update .

// FS holds every rule, test, example and helper, and the input schemas,
// with paths relative to this folder ("least_privilege/full_admin/full_admin.rego").
//
//go:embed lib input */*/*.rego */*/examples
var FS embed.FS
