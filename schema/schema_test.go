package schema

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-iam/rampart/schema/internal/build"
)

var update = flag.Bool("update", false, "rewrite the generated schema files")

// TestSchemasFresh keeps the embedded files equal to what the Go
// description renders; `go generate ./schema` rewrites them.
func TestSchemasFresh(t *testing.T) {
	for _, name := range build.Names {
		want, err := build.Render(name)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("schemas", name+".json")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go generate ./schema)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./schema", path)
		}
	}
	if !*update && len(Names()) != len(build.Names) {
		t.Errorf("embedded schemas %v, want %v", Names(), build.Names)
	}
}

func TestCompile(t *testing.T) {
	if _, err := New(); err != nil {
		t.Fatal(err)
	}
}
