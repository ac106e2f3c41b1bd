package lint

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
)

func TestCapabilities(t *testing.T) {
	caps := Capabilities()
	names := map[string]bool{}
	for _, b := range caps.Builtins {
		names[b.Name] = true
	}
	for name := range RemovedBuiltins() {
		if names[name] {
			t.Errorf("%s is still in the capabilities", name)
		}
	}
	for _, d := range builtinDecls() {
		if !names[d.Name] {
			t.Errorf("%s is missing from the capabilities", d.Name)
		}
	}
	for _, keep := range []string{"time.now_ns", "regex.match", "net.cidr_contains", "sprintf"} {
		if !names[keep] {
			t.Errorf("%s was removed", keep)
		}
	}
	if caps.AllowNet == nil || len(caps.AllowNet) != 0 {
		t.Errorf("AllowNet = %v, want an empty list (no host)", caps.AllowNet)
	}
}

// TestRemovedBuiltinsFailToCompile checks that a custom rule calling a
// removed built-in is rejected with its file and line.
func TestRemovedBuiltinsFailToCompile(t *testing.T) {
	calls := map[string]string{
		"http.send":              `http.send({"method": "get", "url": "https://example.com"})`,
		"net.lookup_ip_addr":     `net.lookup_ip_addr("example.com")`,
		"opa.runtime":            `opa.runtime()`,
		"json.match_schema":      `json.match_schema({}, {"$ref": "file:///etc/passwd"})`,
		"json.verify_schema":     `json.verify_schema({"$ref": "https://example.com/s.json"})`,
		"providers.aws.sign_req": `providers.aws.sign_req({}, {}, 0)`,
		"rand.intn":              `rand.intn("x", 10)`,
		"uuid.rfc4122":           `uuid.rfc4122("x")`,
		"net.cidr_expand":        `net.cidr_expand("0.0.0.0/0")`,
	}
	if len(calls) != len(RemovedBuiltins()) {
		t.Fatalf("%d cases for %d removed built-ins", len(calls), len(RemovedBuiltins()))
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			dir := ruleDir(t, map[string]string{"org/evil/evil.rego": customRule("custom.rules.org.evil",
				strings.Replace(customFields, "name: slow", "name: evil", 1),
				"deny contains {\"msg\": sprintf(\"%v\", [x]), \"pointer\": \"\"} if {\n\tx := "+call+"\n}")})
			_, err := New(Options{RuleDirs: []string{dir}})
			if err == nil {
				t.Fatal("the rule compiled")
			}
			for _, want := range []string{"org/evil/evil.rego:14", name} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %q", err, want)
				}
			}
		})
	}
}

// TestTypeChecking checks that rules are typed against the input schema of
// their pass.
func TestTypeChecking(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"misspelt document field", "deny contains {\"msg\": \"m\", \"pointer\": s.pointer} if {\n\tsome s in input.statment\n}", `input.statment`},
		{"misspelt statement field", "deny contains {\"msg\": \"m\", \"pointer\": s.pointer} if {\n\tsome s in input.statements\n\ts.efect == \"Allow\"\n}", `s.efect`},
		{"workspace field in a document rule", "deny contains {\"msg\": \"m\", \"pointer\": d.file} if {\n\tsome d in input.documents\n}", `input.documents`},
		{"misspelt workspace field", "aggregate contains {\"msg\": \"m\", \"pointer\": \"\", \"file\": a.fil} if {\n\tsome a in input.accounts\n}", `a.fil`},
		{"misspelt catalogue field", "deny contains {\"msg\": a.levle, \"pointer\": \"\"} if {\n\ta := rampart.action(\"aws\", \"s3:GetObject\")\n}", `a.levle`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := ruleDir(t, map[string]string{"org/typo/typo.rego": customRule("custom.rules.org.typo",
				strings.Replace(customFields, "name: slow", "name: typo", 1), c.body)})
			_, err := New(Options{RuleDirs: []string{dir}})
			if err == nil {
				t.Fatal("the rule compiled")
			}
			if !strings.Contains(err.Error(), "org/typo/typo.rego:1") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name the file and %s", err, c.want)
			}
		})
	}
}

func TestMetadataErrors(t *testing.T) {
	rule := func(pkg, meta, body string) string {
		return "# METADATA\n" + meta + "package " + pkg + "\n\n" + body + "\n"
	}
	deny := `deny contains {"msg": "m", "pointer": ""} if false`
	full := "# title: T\n# description: D.\n# custom:\n#   id: ORG001\n#   name: thing\n#   severity: warning\n#   dialects: [aws]\n#   rationale: R.\n#   remediation: F.\n"
	cases := []struct {
		name, file, src, want string
	}{
		{"unknown top-level key", "org/thing/thing.rego", rule("custom.rules.org.thing", full+"# frobnicate: 1\n", deny), `unknown key "frobnicate"`},
		{"unknown custom key", "org/thing/thing.rego", rule("custom.rules.org.thing", full+"#   level: high\n", deny), `unknown key "level" under custom`},
		{"missing fields", "org/thing/thing.rego", rule("custom.rules.org.thing", "# title: T\n# custom:\n#   id: ORG001\n", deny), "missing description, custom.name, custom.severity, custom.rationale, custom.remediation, custom.dialects"},
		{"malformed id", "org/thing/thing.rego", rule("custom.rules.org.thing", strings.Replace(full, "ORG001", "ORG1", 1), deny), `id "ORG1"`},
		{"reserved prefix", "org/thing/thing.rego", rule("custom.rules.org.thing", strings.Replace(full, "ORG001", "LP999", 1), deny), "belongs to rampart's own rules"},
		{"name and folder differ", "org/thing/thing.rego", rule("custom.rules.org.thing", strings.Replace(full, "name: thing", "name: other-thing", 1), deny), `does not match the package's last part "thing"`},
		{"bad severity", "org/thing/thing.rego", rule("custom.rules.org.thing", strings.Replace(full, "severity: warning", "severity: high", 1), deny), `unknown severity "high"`},
		{"bad dialect", "org/thing/thing.rego", rule("custom.rules.org.thing", strings.Replace(full, "[aws]", "[gcp]", 1), deny), `dialect "gcp"`},
		{"bad kind", "org/thing/thing.rego", rule("custom.rules.org.thing", full+"#   kinds: [policy]\n", deny), `kind "policy"`},
		{"bad default", "org/thing/thing.rego", rule("custom.rules.org.thing", full+"#   default: maybe\n", deny), `default "maybe"`},
		{"kinds on an aggregate rule", "org/thing/thing.rego", rule("custom.rules.org.thing", full+"#   kinds: [trust]\n", `aggregate contains {"msg": "m", "pointer": "", "file": ""} if false`), "only document rules"},
		{"deny and aggregate", "org/thing/thing.rego", rule("custom.rules.org.thing", full, deny+"\n\naggregate contains {\"msg\": \"m\", \"pointer\": \"\", \"file\": \"\"} if false"), "both deny and aggregate"},
		{"neither", "org/thing/thing.rego", rule("custom.rules.org.thing", full, "x := 1"), "neither deny"},
		{"no metadata", "org/thing/thing.rego", "package custom.rules.org.thing\n\n" + deny + "\n", "no package METADATA"},
		{"embedded namespace", "org/thing/thing.rego", rule("rampart.lib.iam", full, deny), "rule files must declare a package under custom.rules"},
		{"too short a package", "org/thing.rego", rule("custom.rules.thing", full, deny), "custom.rules.<category>.<slug>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := ruleDir(t, map[string]string{c.file: c.src})
			_, err := New(Options{RuleDirs: []string{dir}})
			if err == nil {
				t.Fatal("the rule was accepted")
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.file) {
				t.Errorf("error %q does not say %q at %s", err, c.want, c.file)
			}
		})
	}
}

func TestDuplicateRules(t *testing.T) {
	body := `deny contains {"msg": "m", "pointer": ""} if false`
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"same ID", map[string]string{
			"org/a/a.rego": customRule("custom.rules.org.a", strings.Replace(customFields, "name: slow", "name: a", 1), body),
			"org/b/b.rego": customRule("custom.rules.org.b", strings.Replace(customFields, "name: slow", "name: b", 1), body),
		}, "rule ID ORG001 is used by"},
		{"name of an embedded rule", map[string]string{
			"org/full_admin/full_admin.rego": customRule("custom.rules.org.full_admin", strings.Replace(customFields, "name: slow", "name: full-admin", 1), body),
		}, "rule name full-admin is used by rules/least_privilege/full_admin/full_admin.rego"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(Options{RuleDirs: []string{ruleDir(t, c.files)}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

// TestCustomRules checks that custom rules from --rules and from
// rules.paths run beside the embedded ones and appear in the catalogue.
func TestCustomRules(t *testing.T) {
	rule := customRule("custom.rules.naming.sid_prefix", `id: ORG001
name: sid-prefix
severity: info
dialects: [acs]
rationale: Sids say which team owns a statement.
remediation: Start the Sid with the team's name.`, `import data.rampart.lib.result

deny contains result.finding(sprintf("Sid %q does not start with Team", [s.sid]), concat("/", [s.pointer, "Sid"])) if {
	some s in input.statements
	not startswith(s.sid, "Team")
}`)
	r := repo{
		"rampart.yaml": "rules:\n  paths: [policy-rules]\n",
		"policy-rules/naming/sid_prefix/sid_prefix.rego": rule,
		"iam/policies/a.json":                            adminPolicy,
	}
	res := run(t, r, Options{})
	got := brief(res.Findings)
	want := []string{"iam/policies/a.json:4:13 ORG001 info", "iam/policies/a.json:4:49 LP001 error"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	e, _ := engineFor(t, r, Options{})
	info, ok := e.Rule("sid-prefix")
	if !ok || !info.Custom || info.Category != "naming" || info.File != "policy-rules/naming/sid_prefix/sid_prefix.rego" || info.HelpURI != "" {
		t.Errorf("catalogue entry %+v", info)
	}
	// The same folder given on the command line.
	e2, err := New(Options{RuleDirs: []string{ruleDir(t, map[string]string{"naming/sid_prefix/sid_prefix.rego": rule})}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e2.Rule("ORG001"); !ok {
		t.Error("the rule from RuleDirs is not in the catalogue")
	}
}

func TestRulesCatalogue(t *testing.T) {
	e, _ := engineFor(t, repo{"rampart.yaml": "rules:\n  severity:\n    LP001: warning\n    trust: info\n  enable: [LP010]\n  disable: [SCH009]\n"}, Options{})
	rs := e.Rules()
	if !slices.IsSortedFunc(rs, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("rules are not sorted by ID")
	}
	want := map[string]struct {
		sev     finding.Severity
		enabled bool
		scope   Scope
	}{
		"LP001":  {finding.Warning, true, ScopeDocument},
		"TR001":  {finding.Info, true, ScopeDocument},
		"TR003":  {finding.Info, true, ScopeWorkspace},
		"LP010":  {finding.Info, true, ScopeDocument},
		"SCH009": {finding.Warning, false, ScopeDocument},
		"VAL003": {finding.Error, true, ScopeBuiltin},
		"CFG002": {finding.Info, true, ScopeBuiltin},
		"RUN001": {finding.Error, true, ScopeBuiltin},
	}
	seen := 0
	for _, r := range rs {
		w, ok := want[r.ID]
		if !ok {
			continue
		}
		seen++
		if r.Severity != w.sev || r.Enabled != w.enabled || r.Scope != w.scope {
			t.Errorf("%s: severity %s, enabled %v, scope %s; want %s, %v, %s", r.ID, r.Severity, r.Enabled, r.Scope, w.sev, w.enabled, w.scope)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d rules looked for", seen, len(want))
	}
}

func TestRunCancelled(t *testing.T) {
	e, ws := engineFor(t, repo{"iam/policies/a.json": adminPolicy}, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Run(ctx, ws); err == nil {
		t.Error("a cancelled run returned no error")
	}
}
