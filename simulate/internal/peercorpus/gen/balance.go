package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// decided is the part of a decided case line that balance and stats read.
type decided struct {
	ID      string `json:"id"`
	Request struct {
		Principal       string                     `json:"principal"`
		Action          string                     `json:"action"`
		ResourceAccount string                     `json:"resource_account"`
		Context         map[string]json.RawMessage `json:"context"`
	} `json:"request"`
	Policies struct {
		Identity []json.RawMessage   `json:"identity"`
		Resource json.RawMessage     `json:"resource"`
		Boundary json.RawMessage     `json:"boundary"`
		Session  json.RawMessage     `json:"session"`
		SCP      [][]json.RawMessage `json:"scp"`
		RCP      [][]json.RawMessage `json:"rcp"`
	} `json:"policies"`
	Peer *struct {
		Decision string `json:"decision"`
		Error    string `json:"error"`
		Hazard   string `json:"hazard"`
	} `json:"peer"`
}

func readLines(in io.Reader, each func(line []byte, d *decided) error) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 1<<16), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		var d decided
		if err := json.Unmarshal(line, &d); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if err := each(line, &d); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

var decisionNames = []string{"allow", "explicit-deny", "implicit-deny"}

// runBalance keeps, in input order, the first K cases of each decision; it
// drops cases the peer could not decide and cases flagged as depending on a
// known peer deviation.
func runBalance(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("balance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	k := fs.Int("per-class", 4000, "cases kept per decision")
	if err := fs.Parse(args); err != nil {
		return err
	}
	kept := map[string]int{}
	dropped := map[string]int{}
	w := bufio.NewWriter(stdout)
	err := readLines(stdin, func(line []byte, d *decided) error {
		switch {
		case d.Peer == nil:
			return fmt.Errorf("case %s has no peer result: run run-peer.sh first", d.ID)
		case d.Peer.Error != "":
			dropped["error: "+firstWord(d.Peer.Error)]++
			return nil
		case d.Peer.Hazard != "":
			dropped["hazard: "+d.Peer.Hazard]++
			return nil
		}
		if kept[d.Peer.Decision] >= *k {
			dropped["over quota"]++
			return nil
		}
		kept[d.Peer.Decision]++
		w.Write(line)
		return w.WriteByte('\n')
	})
	if err != nil {
		return err
	}
	for _, name := range decisionNames {
		fmt.Fprintf(stderr, "kept %-14s %d\n", name, kept[name])
		if kept[name] < *k {
			fmt.Fprintf(stderr, "warning: only %d %s cases, wanted %d\n", kept[name], name, *k)
		}
	}
	var keys []string
	for key := range dropped {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		fmt.Fprintf(stderr, "dropped %-40s %d\n", key, dropped[key])
	}
	return w.Flush()
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " :"); i > 0 {
		return s[:i]
	}
	return s
}
