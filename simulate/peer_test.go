package simulate_test

import (
	"bufio"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/simulate"
	"github.com/rampart-iam/rampart/simulate/internal/peercorpus"
	"github.com/rampart-iam/rampart/simulate/internal/replay"
)

const (
	corpusPath      = "testdata/peer/cases.jsonl.gz"
	differencesMD   = "testdata/peer/known-differences.md"
	differencesCase = "testdata/peer/known-differences.jsonl"
)

// knownDifference is a row of the table in known-differences.md: the
// decision AWS's documentation gives where the peer decides otherwise.
type knownDifference struct {
	peer, aws simulate.Effect
}

var rowRE = regexp.MustCompile(`^\|\s*([A-Za-z0-9_-]+)\s*\|\s*(allow|explicit-deny|implicit-deny)\s*\|\s*(allow|explicit-deny|implicit-deny)\s*\|`)

// readKnownDifferences reads the ids of the table and their decisions.
func readKnownDifferences(t *testing.T) map[string]knownDifference {
	t.Helper()
	f, err := os.Open(differencesMD)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]knownDifference{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := rowRE.FindStringSubmatch(strings.TrimSpace(sc.Text())); m != nil {
			out[m[1]] = knownDifference{peer: simulate.Effect(m[2]), aws: simulate.Effect(m[3])}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func decideCase(t *testing.T, c *peercorpus.Case) simulate.Effect {
	t.Helper()
	p, err := replay.Prepare(c)
	if err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	d, err := p.Evaluator.Can(context.Background(), p.Question)
	if err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	// Decide skips what cannot change the effect: it must agree.
	pp, err := p.Evaluator.Prepare(p.Question)
	if err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	if e := pp.Decide(); e != d.Effect {
		t.Errorf("%s: Decide %s, Can %s", c.ID, e, d.Effect)
	}
	return d.Effect
}

// TestPeerCorpus replays every recorded case through the evaluator and
// requires the peer's decision, except for the cases known-differences.md
// lists (where AWS's documentation says the peer is wrong): those must get
// the decision the table gives for AWS.
func TestPeerCorpus(t *testing.T) {
	cases, err := peercorpus.Read(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	known := readKnownDifferences(t)
	agree, skipped := 0, 0
	var disagree []string
	for i := range cases {
		c := &cases[i]
		got := decideCase(t, c)
		if kd, ok := known[c.ID]; ok {
			// Not counted against the peer, but held to what AWS documents.
			skipped++
			if simulate.Effect(c.Peer.Decision) != kd.peer {
				t.Errorf("%s: the corpus records peer %s, %s says %s", c.ID, c.Peer.Decision, differencesMD, kd.peer)
			}
			if got != kd.aws {
				t.Errorf("%s: rampart decides %s, AWS's documentation %s", c.ID, got, kd.aws)
			}
			continue
		}
		if got == simulate.Effect(c.Peer.Decision) {
			agree++
			continue
		}
		disagree = append(disagree, c.ID+": peer "+string(c.Peer.Decision)+", rampart "+string(got))
	}
	n := len(cases) - skipped
	t.Logf("agreement with the peer: %d of %d cases (%.2f%%), %d skipped as known differences", agree, n, 100*float64(agree)/float64(n), skipped)
	for i, d := range disagree {
		if i == 40 {
			t.Errorf("… and %d more", len(disagree)-i)
			break
		}
		t.Error(d)
	}
}

// TestPeerKnownDifferences decides the one case of every known difference
// and requires the decision AWS's documentation gives, not the peer's.
func TestPeerKnownDifferences(t *testing.T) {
	known := readKnownDifferences(t)
	cases, err := peercorpus.Read(differencesCase)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no known-difference cases")
	}
	for i := range cases {
		c := &cases[i]
		kd, ok := known[c.ID]
		if !ok {
			t.Errorf("%s: case without a row in %s", c.ID, differencesMD)
			continue
		}
		if simulate.Effect(c.Peer.Decision) != kd.peer {
			t.Errorf("%s: the case records peer %s, the table says %s", c.ID, c.Peer.Decision, kd.peer)
		}
		if got := decideCase(t, c); got != kd.aws {
			t.Errorf("%s: rampart decides %s, AWS's documentation %s", c.ID, got, kd.aws)
		}
	}
}
