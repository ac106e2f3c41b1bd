package lint

import (
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
)

func TestEnableDisable(t *testing.T) {
	cases := []struct {
		name, rules string
		on, off     []string
	}{
		{"defaults", "", []string{"LP001", "TR003", "CFG002"}, []string{"LP010"}},
		{"disable by ID, name and category", "  disable: [LP001, duplicate-sid, trust]\n", []string{"LP002", "PE009"}, []string{"LP001", "SCH009", "TR001", "TR003"}},
		{"enable a rule that is off by default", "  enable: [wildcard-expansion]\n", []string{"LP010"}, nil},
		{"a rule named wins over its category", "  disable: [least-privilege]\n  enable: [LP001]\n", []string{"LP001"}, []string{"LP002", "LP003", "LP004", "LP010"}},
		{"enabling a category turns on its default-off rules", "  enable: [least-privilege]\n", []string{"LP010", "LP001"}, nil},
		{"a category disabled, a rule of it enabled by name", "  enable: [LP010]\n  disable: [least-privilege]\n", []string{"LP010"}, []string{"LP001"}},
		{"built-in rules", "  disable: [CFG002, validation]\n", nil, []string{"CFG002", "VAL001", "VAL003"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := ""
			if c.rules != "" {
				cfg = "rules:\n" + c.rules
			}
			e, _ := engineFor(t, repo{"rampart.yaml": cfg}, Options{})
			for _, id := range c.on {
				if r, ok := e.Rule(id); !ok || !r.Enabled {
					t.Errorf("%s is off", id)
				}
			}
			for _, id := range c.off {
				if r, ok := e.Rule(id); !ok || r.Enabled {
					t.Errorf("%s is on", id)
				}
			}
		})
	}
}

func TestSeverityConfig(t *testing.T) {
	cfg := `rules:
  enable: [LP010]
  severity:
    least-privilege: info
    LP001: warning
    any-principal-assume: warning
`
	e, _ := engineFor(t, repo{"rampart.yaml": cfg}, Options{})
	want := map[string]finding.Severity{"LP001": finding.Warning, "LP002": finding.Info, "LP010": finding.Info, "TR001": finding.Warning, "TR003": finding.Warning, "SCH001": finding.Warning}
	for id, sev := range want {
		if r, _ := e.Rule(id); r.Severity != sev {
			t.Errorf("%s: severity %s, want %s", id, r.Severity, sev)
		}
	}
	// A softer finding moves with the configured severity: LP001's
	// conditioned case is one step below the rule's, so warning becomes info.
	res := run(t, repo{
		"rampart.yaml":           cfg,
		"iam/policies/bare.json": adminPolicy,
		"iam/policies/office.json": `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
  "Condition": {"IpAddress": {"acs:SourceIp": "203.0.113.0/24"}}}]}`,
	}, Options{})
	got := map[string]finding.Severity{}
	for _, f := range only(res.Findings, "LP001") {
		got[f.File] = f.Severity
	}
	if got["iam/policies/bare.json"] != finding.Warning || got["iam/policies/office.json"] != finding.Info {
		t.Errorf("LP001 severities %v, want bare warning and office info", got)
	}
}

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		name, cfg, want string
	}{
		{"unknown rule in disable", "rules:\n  disable: [LP001, LP0001]\n", "rampart.yaml:2:20: rules.disable: no rule or category \"LP0001\""},
		{"unknown rule in enable", "rules:\n  enable:\n    - nosuch\n", "rampart.yaml:3:7: rules.enable: no rule or category \"nosuch\""},
		{"unknown rule in severity", "rules:\n  severity:\n    XX001: error\n", "rampart.yaml:3:12: rules.severity: no rule or category \"XX001\""},
		{"bad severity", "rules:\n  severity:\n    LP001: critical\n", "rampart.yaml:3:12: rules.severity.LP001: unknown severity \"critical\""},
		{"enabled and disabled", "rules:\n  enable: [LP001]\n  disable: [full-admin]\n", "rampart.yaml:3:13: rules: LP001 is both enabled and disabled"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, cfg := repo{"rampart.yaml": c.cfg}.load(t)
			_, err := New(Options{Config: cfg})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}
