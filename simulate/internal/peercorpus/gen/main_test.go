package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/simulate/internal/peercorpus"
)

func gen(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errs bytes.Buffer
	if err := run(args, strings.NewReader(""), &out, &errs); err != nil {
		t.Fatalf("gen %v: %v (%s)", args, err, errs.String())
	}
	return out.Bytes()
}

func TestGenerateIsReproducible(t *testing.T) {
	a := gen(t, "-n", "200", "-seed", "7")
	b := gen(t, "-n", "200", "-seed", "7")
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different output")
	}
	if c := gen(t, "-n", "200", "-seed", "8"); bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same output")
	}
	// Case i does not depend on how many cases come before it.
	tail := gen(t, "-n", "50", "-seed", "7", "-start", "151")
	lines := bytes.SplitAfter(a, []byte("\n"))
	if want := bytes.Join(lines[150:200], nil); !bytes.Equal(tail, want) {
		t.Fatal("-start 151 does not reproduce cases 151..200")
	}
}

func TestGeneratedCasesAreWellFormed(t *testing.T) {
	out := gen(t, "-n", "500", "-seed", "3")
	cases, err := peercorpus.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 500 {
		t.Fatalf("got %d cases, want 500", len(cases))
	}
	for i := range cases {
		c := &cases[i]
		if c.Peer != nil {
			t.Fatalf("%s: a fresh case has a peer decision", c.ID)
		}
		c.Peer = &peercorpus.Peer{Decision: peercorpus.Allow}
		if err := c.Validate(); err != nil {
			t.Error(err)
		}
		for _, k := range []string{"aws:CurrentTime", "aws:EpochTime", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:ResourceAccount"} {
			found := false
			for ck := range c.Request.Context {
				found = found || strings.EqualFold(ck, k)
			}
			if !found {
				t.Errorf("%s: derivable key %s is missing from the context", c.ID, k)
			}
		}
	}
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		if !bytes.HasSuffix(line, []byte(`,"peer":null}`)) {
			t.Fatalf("line does not end with the peer member: %.80s", line)
		}
	}
}

func TestBalance(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"c1","peer":{"decision":"allow"}}`,
		`{"id":"c2","peer":{"decision":"allow"}}`,
		`{"id":"c3","peer":{"decision":"implicit-deny"}}`,
		`{"id":"c4","peer":{"error":"peer-error: x"}}`,
		`{"id":"c5","peer":{"decision":"explicit-deny","hazard":"h"}}`,
		`{"id":"c6","peer":{"decision":"explicit-deny"}}`,
	}, "\n")
	var out, errs bytes.Buffer
	if err := run([]string{"balance", "-per-class", "1"}, strings.NewReader(in), &out, &errs); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		ids = append(ids, l[7:9])
	}
	if got := strings.Join(ids, ","); got != "c1,c3,c6" {
		t.Errorf("kept %s, want c1,c3,c6", got)
	}
	if err := run([]string{"balance"}, strings.NewReader(`{"id":"c1","peer":null}`), &out, &errs); err == nil {
		t.Error("balance accepted an undecided case")
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		want bool
	}{
		{"s3:get*", "s3:getobject", true},
		{"s3:*object", "s3:getobject", true},
		{"s3:getobjec?", "s3:getobject", true},
		{"s3:put*", "s3:getobject", false},
		{"*", "", true},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
	} {
		if got := globMatch(tc.p, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.p, tc.s, got, tc.want)
		}
	}
}
