package lint

import (
	"context"
	"strings"
	"testing"
)

// echoRule is a custom rule that declares options and reports what it
// reads from data.rampart.options.
var echoRule = customRule("custom.rules.org.echo", strings.Replace(customFields, "name: slow", "name: echo", 1)+`
options:
  names:
    type: strings
    description: Names to report.
  limit:
    type: number
    description: How many.
  loud:
    type: boolean
    description: Whether to shout.
  prefix:
    type: string
    description: Put before each name.`, `import rego.v1

deny contains {"msg": sprintf("%s%s %v %v", [object.get(opts, "prefix", ""), n, object.get(opts, "limit", 0), object.get(opts, "loud", false)]), "pointer": ""} if {
	opts := data.rampart.options.ORG001
	some n in opts.names
}`)

const echoPolicy = `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:DescribeInstances", "Resource": "*"}]}`

func echoRepo(options string) repo {
	return repo{
		"rampart.yaml":             "rules:\n  paths: [rules]\n" + options,
		"rules/org/echo/echo.rego": echoRule,
		"iam/policies/p.json":      echoPolicy,
	}
}

func messages(res Result, id string) []string {
	var out []string
	for _, f := range only(res.Findings, id) {
		out = append(out, f.Message)
	}
	return out
}

func TestRuleOptionsReachRules(t *testing.T) {
	res := run(t, echoRepo("  options:\n    echo:\n      names: [a, b]\n      limit: 3\n      loud: true\n      prefix: \"> \"\n"), Options{})
	got := strings.Join(messages(res, "ORG001"), "|")
	if got != "> a 3 true|> b 3 true" {
		t.Errorf("findings %q", got)
	}
	// Without options the rule reads nothing, and the declaration is on
	// the rule.
	e, ws := engineFor(t, echoRepo(""), Options{})
	out, err := e.Run(context.Background(), ws)
	if err != nil {
		t.Fatal(err)
	}
	if ms := messages(out, "ORG001"); len(ms) != 0 {
		t.Errorf("findings without options: %q", ms)
	}
	r, _ := e.Rule("ORG001")
	if len(r.Options) != 4 || r.Options[0].Name != "limit" || r.Options[0].Type != OptionNumber || r.Options[3].Description != "Put before each name." {
		t.Errorf("declared options %+v", r.Options)
	}
}

func TestRuleOptionErrors(t *testing.T) {
	cases := []struct{ name, options, want string }{
		{"unknown rule", "  options:\n    nosuch: {names: [a]}\n", `rampart.yaml:4:13: rules.options: no rule "nosuch"`},
		{"a rule without options", "  options:\n    LP001: {names: [a]}\n", `rules.options.LP001: LP001 has no option "names"; it takes none`},
		{"unknown option", "  options:\n    ORG001:\n      nmes: [a]\n", `rampart.yaml:5:13: rules.options.ORG001: ORG001 has no option "nmes"; its options are limit, loud, names, prefix`},
		{"a string for a list", "  options:\n    echo: {names: a}\n", `rules.options.echo.names: want a list of strings, not a string`},
		{"a number in the list", "  options:\n    echo: {names: [a, 2]}\n", `rules.options.echo.names: item 1: want a string, not a number`},
		{"a string for a number", "  options:\n    echo: {limit: \"3\"}\n", `rules.options.echo.limit: want a number, not a string`},
		{"a string for a boolean", "  options:\n    echo: {loud: \"yes\"}\n", `rules.options.echo.loud: want true or false, not a string`},
		{"by ID and by name", "  options:\n    ORG001: {limit: 1}\n    echo: {limit: 2}\n", `rules.options: ORG001 has options under "ORG001" already`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := echoRepo(c.options)
			_, cfg := r.load(t)
			_, err := New(Options{Config: cfg, FS: r.fs()})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestOptionMetadataErrors(t *testing.T) {
	cases := []struct{ name, decl, want string }{
		{"unknown type", "options:\n  names:\n    type: list\n    description: D.", `options.names: type "list"`},
		{"no description", "options:\n  names:\n    type: strings", `options.names: missing description`},
		{"unknown key", "options:\n  names:\n    type: strings\n    description: D.\n    default: [a]", `options.names: unknown key "default"`},
		{"bad name", "options:\n  Names:\n    type: strings\n    description: D.", `options: name "Names"`},
		{"not a mapping", "options: [names]", `options: want a mapping`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := ruleDir(t, map[string]string{"org/echo/echo.rego": customRule("custom.rules.org.echo",
				strings.Replace(customFields, "name: slow", "name: echo", 1)+"\n"+c.decl, `deny contains {"msg": "m", "pointer": ""} if false`)})
			_, err := New(Options{RuleDirs: []string{dir}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestOptionsOnThePage(t *testing.T) {
	rp := echoRepo("")
	rp["rules/org/echo/examples/good_quiet.json"] = echoPolicy
	e, _ := engineFor(t, rp, Options{})
	r := e.byID["ORG001"]
	page, err := e.page(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	want := "  options:\n    ORG001:\n      # limit (a number): How many.\n      limit: 0\n      # loud (true or false): Whether to shout.\n      loud: false\n" +
		"      # names (a list of strings): Names to report.\n      names: []\n      # prefix (a string): Put before each name.\n      prefix: \"\"\n"
	if !strings.Contains(page, want) {
		t.Errorf("page lacks the options:\n%s", page)
	}
}

// TestExampleOptions checks that a folder example's rampart.yaml sets the
// options its rule sees, and that the engine's own stay apart.
func TestExampleOptions(t *testing.T) {
	e, _ := engineFor(t, echoRepo("  options:\n    echo: {names: [engine]}\n"), Options{})
	ex := Example{Name: "bad_x", Bad: true, Dir: true, fsys: echoRepo("  options:\n    echo: {names: [example]}\n").fs(), path: "."}
	out, err := e.RunExample(context.Background(), "ORG001", ex)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 || out.Findings[0].Message != "example 0 false" {
		t.Errorf("example findings %+v", out.Findings)
	}
	bad := Example{Name: "bad_y", Bad: true, Dir: true, fsys: echoRepo("  options:\n    echo: {names: x}\n").fs(), path: "."}
	if _, err := e.RunExample(context.Background(), "ORG001", bad); err == nil || !strings.Contains(err.Error(), "example bad_y: rampart.yaml") {
		t.Errorf("error %v", err)
	}
}
