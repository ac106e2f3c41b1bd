// Command bench writes the repository lint's benchmarks run on to a folder,
// for timing rampart and other tools over the same files as whole
// processes:
//
//	go run ./lint/bench -n 10000 -o DIR
//
// lint/bench/bench.sh writes it and times rampart lint against conftest.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/rampart-iam/rampart/lint/internal/benchrepo"
)

func main() {
	n := flag.Int("n", 10_000, "policy documents to write")
	out := flag.String("o", "", "folder to write the repository to (must not exist)")
	flag.Parse()
	if err := run(*n, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(n int, out string) error {
	if out == "" {
		return fmt.Errorf("-o DIR is required")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists already", out)
	}
	fsys := benchrepo.Generate(n)
	names := make([]string, 0, len(fsys))
	for name := range fsys {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, fsys[name].Data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	fmt.Printf("%d files in %s\n", len(names), out)
	return nil
}
