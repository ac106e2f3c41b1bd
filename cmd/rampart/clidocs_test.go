package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

//go:generate go test -run TestCLIReference -update .

// TestCLIReference keeps docs/cli, the command reference generated from
// the commands' help, fresh; go generate ./cmd/rampart rewrites it.
func TestCLIReference(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "cli")
	root := newRootCommand(&streams{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &bytes.Buffer{}})
	root.InitDefaultCompletionCmd()
	want := map[string][]byte{}
	err := walkCommands(root, func(c *cobra.Command) error {
		if c.Runnable() && c.Example == "" && c.Name() != "help" && !strings.HasPrefix(c.CommandPath(), "rampart completion") {
			t.Errorf("%s has no examples in its --help", c.CommandPath())
		}
		var b bytes.Buffer
		if err := writeCommandDoc(&b, c); err != nil {
			return err
		}
		want[docFile(c)] = b.Bytes()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range want {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(want) {
		t.Errorf("docs/cli has %d pages, the commands make %d: run go generate ./cmd/rampart", len(entries), len(want))
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("docs/cli/%s is stale: run go generate ./cmd/rampart", name)
		}
	}
}
