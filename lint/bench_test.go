package lint

import (
	"context"
	"testing"

	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/lint/internal/benchrepo"
)

// BenchmarkLint lints 10,000 generated documents; one op is one whole
// run (both passes, configuration, suppressions). "catalogue" runs every
// rule, the ones off by default included; "default" runs the rules on by
// default. Loading and parsing the files is not measured.
func BenchmarkLint(b *testing.B) {
	fsys := benchrepo.Generate(10_000)
	cfg, _, err := workspace.LoadConfig(fsys, "")
	if err != nil {
		b.Fatal(err)
	}
	ws, err := workspace.Load(context.Background(), fsys, "bench", workspace.Options{Config: cfg})
	if err != nil {
		b.Fatal(err)
	}
	if len(ws.Policies) != 10_000 {
		b.Fatalf("%d documents", len(ws.Policies))
	}
	for _, c := range []struct {
		name   string
		enable []string
	}{{"catalogue", []string{"LP010"}}, {"default", nil}} {
		b.Run(c.name, func(b *testing.B) {
			conf := *cfg
			conf.Rules.Enable = c.enable
			e, err := New(Options{Config: &conf, FS: fsys})
			if err != nil {
				b.Fatal(err)
			}
			var findings int
			for b.Loop() {
				res, err := e.Run(context.Background(), ws)
				if err != nil {
					b.Fatal(err)
				}
				findings = len(res.Findings)
			}
			b.ReportMetric(float64(findings), "findings")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10_000, "µs/doc")
		})
	}
}

// BenchmarkRule runs each Rego rule of the catalogue alone over 2,000
// generated documents and reports what it costs per document on top of the
// run's fixed cost ("none" runs no rule at all). Rules are meant to stay
// cheap: the whole catalogue lints 10,000 documents in under 5 s on two
// cores.
func BenchmarkRule(b *testing.B) {
	const n = 2_000
	fsys := benchrepo.Generate(n)
	cfg, _, err := workspace.LoadConfig(fsys, "")
	if err != nil {
		b.Fatal(err)
	}
	ws, err := workspace.Load(context.Background(), fsys, "bench", workspace.Options{Config: cfg})
	if err != nil {
		b.Fatal(err)
	}
	all, err := New(Options{Config: cfg, FS: fsys})
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for _, r := range all.Rules() {
		if r.Package != "" {
			ids = append(ids, r.ID)
		}
	}
	for _, keep := range append([]string{"none"}, ids...) {
		b.Run(keep, func(b *testing.B) {
			conf := *cfg
			conf.Rules.Disable = nil
			conf.Rules.Enable = nil
			for _, id := range ids {
				if id == keep {
					if r, _ := all.Rule(id); !r.Default {
						conf.Rules.Enable = []string{id}
					}
					continue
				}
				if r, _ := all.Rule(id); r.Default {
					conf.Rules.Disable = append(conf.Rules.Disable, id)
				}
			}
			e, err := New(Options{Config: &conf, FS: fsys, Workers: 1})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := e.Run(context.Background(), ws); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/n, "µs/doc")
		})
	}
}
