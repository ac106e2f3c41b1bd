// Command gen writes the differential corpus of AWS authorization cases:
// random but realistic requests with the policies in force, as JSON Lines.
// The same seed always gives byte-identical output.
//
//	gen -n 6000 -seed 1 > cases.jsonl          generate cases (peer: null)
//	gen balance -per-class 4000 < decided.jsonl select a balanced corpus
//	gen stats < decided.jsonl                  count decisions and features
//
// The peer's decisions are filled in by run-peer.sh; see README.md.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "balance":
			return runBalance(args[1:], stdin, stdout, stderr)
		case "stats":
			return runStats(args[1:], stdin, stdout)
		}
	}
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 6000, "number of cases")
	seed := fs.Uint64("seed", 1, "random seed")
	start := fs.Int("start", 1, "number of the first case")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *n < 0 || *start < 1 {
		return errors.New("-n must be >= 0 and -start >= 1")
	}
	w := bufio.NewWriter(stdout)
	for i := *start; i < *start+*n; i++ {
		line, err := generate(*seed, i)
		if err != nil {
			return fmt.Errorf("case %d: %w", i, err)
		}
		w.Write(line)
		w.WriteByte('\n')
	}
	return w.Flush()
}

// generate builds case number i of the corpus for seed. Each case has its
// own random stream, so case i does not depend on how many cases are made.
func generate(seed uint64, i int) ([]byte, error) {
	r := newRNG(seed, uint64(i))
	s := newScenario(r)

	var resourcePolicy, boundary, session, scp, rcp any
	pRes := map[rkind]float64{kS3Object: 0.55, kS3Bucket: 0.5, kKMSKey: 1, kSQS: 0.5, kAssumeRole: 1, kSecret: 0.35, kLambda: 0.25}[s.act.kind]
	if s.p.account != s.res.account {
		pRes = min(1, pRes+0.3)
	}
	hasResource := r.chance(pRes)
	// Some same-account cases lean on the resource policy alone: the
	// identity policies then rarely allow the request.
	pAllow := 0.55
	focus := hasResource && s.p.account == s.res.account && r.chance(0.4)
	if focus {
		pAllow = 0.1
	}
	identity := s.identityPolicies(pAllow, 0.18)
	if hasResource {
		resourcePolicy = s.resourcePolicy(0.22, focus)
	}
	if r.chance(0.25) {
		boundary = s.boundary(0.3)
	}
	if s.p.session && r.chance(0.35) {
		session = s.session(0.25)
	}
	if s.inOrg && r.chance(0.45) {
		scp = s.scpLevels(0.3)
	}
	// RCPs govern only the resources of the services that support them, and
	// only requests that name a resource.
	if rcpServices[service(s.act.name)] && s.act.kind != kNone && s.res.account == acctHome && r.chance(0.3) {
		rcp = s.rcpLevels(0.35)
	}

	ctx := obj{}
	for _, e := range s.entries {
		if !e.present {
			continue
		}
		key := e.key
		if r.chance(0.08) {
			key = strings.ToLower(key)
		}
		if e.typ == tMulti {
			ctx = append(ctx, kv{key, e.vals})
		} else {
			ctx = append(ctx, kv{key, e.vals[0]})
		}
	}
	c := obj{
		{"id", fmt.Sprintf("c%06d", i)},
		{"request", obj{
			{"principal", s.p.arn},
			{"action", s.act.name},
			{"resource", s.res.arn},
			{"resource_account", s.res.account},
			{"context", ctx},
		}},
		{"policies", obj{
			{"identity", identity},
			{"resource", resourcePolicy},
			{"boundary", boundary},
			{"session", session},
			{"scp", scp},
			{"rcp", rcp},
		}},
		{"peer", nil},
	}
	return marshal(c)
}
