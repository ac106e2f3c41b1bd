// Command bench times rampart's evaluator over the recorded peer cases —
// the same first N cases the peer's bench script times — in one process,
// and prints the ratio against the peer when given its figure:
//
//	go run ./simulate/bench [-corpus FILE] [-n 10000] [-peer CASES_PER_SECOND]
//
// or simulate/bench/bench.sh, which runs the peer's bench script first.
// Two figures are printed: deciding alone (policies compiled before the
// clock starts, as the peer's input is translated before its clock), and
// parsing, compiling and deciding each case (what the peer's runSimulation
// also does inside its clock).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/rampart-iam/rampart/simulate/internal/peercorpus"
	"github.com/rampart-iam/rampart/simulate/internal/replay"
)

func main() {
	corpus := flag.String("corpus", "simulate/testdata/peer/cases.jsonl.gz", "recorded cases")
	n := flag.Int("n", 10000, "cases to time (the first N)")
	peer := flag.Float64("peer", 0, "the peer's cases per second, for the ratio")
	flag.Parse()
	if err := run(*corpus, *n, *peer); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(path string, n int, peer float64) error {
	cases, err := peercorpus.Read(path)
	if err != nil {
		return err
	}
	if len(cases) > n {
		cases = cases[:n]
	}
	// decide alone
	prepared := make([]replay.Prepared, len(cases))
	for i := range cases {
		if prepared[i], err = replay.Prepare(&cases[i]); err != nil {
			return err
		}
	}
	const rounds = 5
	start := time.Now()
	mismatches := 0
	for r := 0; r < rounds; r++ {
		for i := range prepared {
			p, err := prepared[i].Evaluator.Prepare(prepared[i].Question)
			if err != nil {
				return err
			}
			if r == 0 && string(p.Decide()) != string(cases[i].Peer.Decision) {
				mismatches++
			} else if r > 0 {
				p.Decide()
			}
		}
	}
	decideSec := time.Since(start).Seconds() / rounds
	// parse, compile and decide
	start = time.Now()
	for i := range cases {
		p, err := replay.Prepare(&cases[i])
		if err != nil {
			return err
		}
		pp, err := p.Evaluator.Prepare(p.Question)
		if err != nil {
			return err
		}
		pp.Decide()
	}
	fullSec := time.Since(start).Seconds()
	fmt.Printf("rampart_cases=%d\n", len(cases))
	fmt.Printf("rampart_decide_seconds=%.4f\n", decideSec)
	fmt.Printf("rampart_decide_cases_per_second=%.0f\n", float64(len(cases))/decideSec)
	fmt.Printf("rampart_full_seconds=%.4f\n", fullSec)
	fmt.Printf("rampart_full_cases_per_second=%.0f\n", float64(len(cases))/fullSec)
	fmt.Printf("rampart_disagreements=%d\n", mismatches)
	if peer > 0 {
		fmt.Printf("ratio_decide_vs_peer=%.0f\n", float64(len(cases))/decideSec/peer)
		fmt.Printf("ratio_full_vs_peer=%.0f\n", float64(len(cases))/fullSec/peer)
	}
	return nil
}
