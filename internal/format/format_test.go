package format

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

var update = flag.Bool("update", false, "rewrite the want files of testdata/golden")

// TestGolden formats the in file of each archive in testdata/golden and
// compares the result with its want file; -update rewrites them. It also
// checks that the want file is a fixed point and reads as the same value.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(paths) < 10 {
		t.Fatalf("golden cases: %v %v", paths, err)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			opt := Options{Dialect: policydoc.Dialect(headerValue(a.Comment, "dialect"))}
			var in, want *txtar.File
			for i := range a.Files {
				switch strings.TrimSuffix(a.Files[i].Name, filepath.Ext(a.Files[i].Name)) {
				case "in":
					in = &a.Files[i]
				case "want":
					want = &a.Files[i]
				}
			}
			if in == nil || want == nil {
				t.Fatal("want an in and a want file")
			}
			doc := parse(t, in.Name, in.Data)
			got, err := Document(doc, opt)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				want.Data = got
				if err := os.WriteFile(p, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(got, want.Data) {
				t.Errorf("formatted:\n%s\nwant:\n%s", got, want.Data)
			}
			wantDoc := parse(t, want.Name, want.Data)
			again, err := Document(wantDoc, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, want.Data) {
				t.Errorf("the want file is no fixed point:\n%s", again)
			}
			if !reflect.DeepEqual(canonicalValue(doc.Root, opt), canonicalValue(wantDoc.Root, opt)) {
				t.Errorf("the want file reads as another value")
			}
		})
	}
}

func headerValue(comment []byte, key string) string {
	for _, line := range strings.Split(string(comment), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok && k == key {
			return v
		}
	}
	return ""
}

func parse(t *testing.T, name string, src []byte) *policydoc.Document {
	t.Helper()
	doc, err := policydoc.Parse(name, src, policydoc.FormatOf(name), policydoc.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func mustFormat(t *testing.T, name, src string, opt Options) string {
	t.Helper()
	out, err := Document(parse(t, name, []byte(src)), opt)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestCRLFBecomesLF(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"p.json", "{\r\n  \"Version\": \"1\",\r\n  \"Statement\": []\r\n}\r\n", "{\n  \"Version\": \"1\",\n  \"Statement\": []\n}\n"},
		{"p.yaml", "Version: \"1\"\r\nStatement: []\r\n", "Version: \"1\"\nStatement: []\n"},
	} {
		if got := mustFormat(t, c.name, c.src, Options{}); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// TestFormattedIsUnchanged: a document already in the canonical layout
// comes back byte for byte.
func TestFormattedIsUnchanged(t *testing.T) {
	for name, src := range map[string]string{
		"p.json": "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"ecs:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n",
		"p.yaml": "# head\nVersion: \"1\"\nStatement:\n  - Effect: Allow # why\n    Action: ecs:*\n    Resource: \"*\"\n",
	} {
		if got := mustFormat(t, name, src, Options{}); got != src {
			t.Errorf("%s changed:\n%s", name, got)
		}
	}
}

func TestPlan(t *testing.T) {
	for _, c := range []struct {
		keys       []string
		fold       bool
		wantOrder  []int
		wantRename []string
	}{
		{[]string{"Statement", "Version"}, false, []int{1, 0}, []string{"Statement", "Version"}},
		{[]string{"x", "Statement", "y", "Id", "Version"}, false, []int{4, 3, 1, 0, 2}, []string{"x", "Statement", "y", "Id", "Version"}},
		{[]string{"statement", "version"}, false, []int{0, 1}, []string{"statement", "version"}},
		{[]string{"statement", "version"}, true, []int{1, 0}, []string{"Statement", "Version"}},
		{[]string{"version", "Version", "STATEMENT"}, true, []int{1, 2, 0}, []string{"version", "Version", "Statement"}},
		{nil, true, []int{}, []string{}},
	} {
		order, names := levelDocument.plan(c.keys, c.fold)
		if !reflect.DeepEqual(order, c.wantOrder) || !reflect.DeepEqual(names, append([]string{}, c.wantRename...)) && len(c.keys) > 0 {
			t.Errorf("plan(%q, fold %v) = %v %q, want %v %q", c.keys, c.fold, order, names, c.wantOrder, c.wantRename)
		}
	}
	order, _ := levelStatement.plan([]string{"Condition", "NotResource", "Resource", "NotAction", "Action", "NotPrincipal", "Principal", "Effect", "Sid"}, false)
	if !reflect.DeepEqual(order, []int{8, 7, 6, 5, 4, 3, 2, 1, 0}) {
		t.Errorf("statement order %v", order)
	}
	order, names := levelOther.plan([]string{"b", "a", "Version"}, true)
	if !reflect.DeepEqual(order, []int{0, 1, 2}) || names[2] != "Version" {
		t.Errorf("other keys keep their order: %v %q", order, names)
	}
}

func TestDocumentErrors(t *testing.T) {
	doc := parse(t, "p.json", []byte(`{"Version":"1","Statement":[]}`))
	sub, ok := doc.Sub("/Statement")
	if !ok {
		t.Fatal("no /Statement")
	}
	if _, err := Document(sub, Options{}); err == nil || !strings.Contains(err.Error(), "part of a file") {
		t.Errorf("a part of a file: %v", err)
	}
	if _, err := Document(&policydoc.Document{Path: "x.json"}, Options{}); err == nil {
		t.Error("a document without a tree formats")
	}
}

// TestJDCloudOnlyFolds: the same lower-case document is renamed for
// jdcloud only.
func TestJDCloudOnlyFolds(t *testing.T) {
	src := "version: \"3\"\nstatement:\n  - effect: Allow\n    action: vm:*\n    resource: \"*\"\n"
	if got := mustFormat(t, "p.yaml", src, Options{Dialect: policydoc.JDCloud}); !strings.HasPrefix(got, "Version: \"3\"\nStatement:\n  - Effect: Allow\n") {
		t.Errorf("jdcloud:\n%s", got)
	}
	for _, d := range []policydoc.Dialect{"", policydoc.ACS, policydoc.AWS} {
		if got := mustFormat(t, "p.yaml", src, Options{Dialect: d}); got != src {
			t.Errorf("%q renamed:\n%s", d, got)
		}
	}
}
