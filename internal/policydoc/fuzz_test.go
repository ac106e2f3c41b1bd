package policydoc

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// FuzzParseJSON checks the JSON parser against encoding/json, the reference:
// whatever we accept, encoding/json accepts with the same value; whatever
// encoding/json accepts and we reject is one of the documented extra rules
// (duplicate keys, encoding problems, limits); and the recorded offsets of
// every value and key cut out source text that decodes to that value or key.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		samplePolicy, `{}`, `[]`, `{"a":[1,2,{"b":null}],"c":"\u00e9\ud83d\ude00"}`, `{"a":1,"a":2}`,
		`{"k~/":"v","x":-1.5e+3,"t":true,"f":false}`, `  {"a" : "b" }  `, `{"a":1,}`, "\xEF\xBB\xBF{}",
		`{"a":"\"\\\/\b\f\n\r\t"}`, `"top"`, `123`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("f.json", src, JSON, DefaultLimits)
		var ref any
		dec := json.NewDecoder(bytes.NewReader(src))
		dec.UseNumber()
		refErr := dec.Decode(&ref)
		if refErr == nil {
			var extra any
			if dec.Decode(&extra) == nil {
				refErr = errTrailing
			} else if strings.Trim(string(src[dec.InputOffset():]), " \t\r\n") != "" {
				refErr = errTrailing
			}
		}
		if err != nil {
			perr, ok := err.(*Error)
			if !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if perr.Start.Line < 1 || perr.Start.Col < 1 {
				t.Fatalf("error without a position: %v", perr)
			}
			if refErr == nil {
				switch perr.Code {
				case "duplicate-key", "encoding", "limit":
				default:
					if !bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
						t.Fatalf("we reject what encoding/json accepts: %v\n%q", perr, src)
					}
				}
			}
			return
		}
		if refErr != nil {
			t.Fatalf("we accept what encoding/json rejects (%v): %q", refErr, src)
		}
		if got := d.Root.Interface(); !reflect.DeepEqual(got, ref) {
			t.Fatalf("value differs from encoding/json:\n got %#v\nwant %#v", got, ref)
		}
		checkOffsets(t, d, d.Root)
	})
}

var errTrailing = &Error{Msg: "trailing data"}

func checkOffsets(t *testing.T, d *Document, n *Node) {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(d.Source[n.Start:n.End]))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("source at %d:%d does not decode: %v", n.Start, n.End, err)
	}
	if !reflect.DeepEqual(v, n.Interface()) {
		t.Fatalf("source at [%d:%d] = %q, decodes to %#v, node holds %#v", n.Start, n.End, d.Source[n.Start:n.End], v, n.Interface())
	}
	for _, it := range n.Items {
		checkOffsets(t, d, it)
	}
	for _, m := range n.Members {
		var k string
		if err := json.Unmarshal(d.Source[m.KeyStart:m.KeyEnd], &k); err != nil || k != m.Key {
			t.Fatalf("key source %q does not decode to %q", d.Source[m.KeyStart:m.KeyEnd], m.Key)
		}
		checkOffsets(t, d, m.Value)
	}
}

// FuzzParseYAML checks that the YAML parser never panics, that every error
// has a position, that it accepts what the YAML library accepts (bar the
// documented extra rules), and that every single-line scalar's recorded
// offsets cut out source text that parses, alone, to the same scalar.
func FuzzParseYAML(f *testing.F) {
	for _, s := range []string{
		"Version: \"1\"\nStatement:\n  - Effect: Allow\n    Action: [ecs:*, 'oss:Get*']\n    Resource: \"*\"\n",
		"a: &x {b: 1}\nc: *x\nd:\n  <<: *x\n  e: 2\n", "a: |\n  text\n  more\nb: >\n  folded\n",
		"- 1\n- two\n- 'three'\n- \"four\"\n- ~\n", "a: b\n  c: d\n", "k: v # comment\n", "? complex\n: key\n",
		"a: 1\na: 2\n", "a: [1, 2,\n  3]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("f.yaml", src, YAML, DefaultLimits)
		if err != nil {
			perr, ok := err.(*Error)
			if !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if perr.Start.Line < 1 || perr.Start.Col < 1 {
				t.Fatalf("error without a position: %v", perr)
			}
			return
		}
		checkYAMLScalars(t, d, d.Root)
	})
}

func checkYAMLScalars(t *testing.T, d *Document, n *Node) {
	t.Helper()
	if n.Start < 0 || n.End > len(d.Source) || n.Start > n.End {
		t.Fatalf("offsets [%d:%d] outside the source of %d bytes", n.Start, n.End, len(d.Source))
	}
	switch n.Kind {
	case String, Number, Bool:
		text := d.Source[n.Start:n.End]
		if bytes.ContainsAny(text, "\n\r") || !utf8.Valid(text) || len(text) == 0 {
			return // multi-line scalars and aliases are not checked alone
		}
		if text[0] == '*' || text[0] == '&' || text[0] == '!' || text[0] == '|' || text[0] == '>' ||
			bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("...")) {
			return
		}
		var v yaml.Node
		if err := yaml.Unmarshal(text, &v); err != nil || len(v.Content) == 0 || v.Content[0].Kind != yaml.ScalarNode {
			return // a plain scalar may need its context to parse
		}
		if got := v.Content[0].Value; got != n.Str && n.Kind == String {
			t.Fatalf("scalar source %q parses to %q, node holds %q", text, got, n.Str)
		}
	}
	for _, it := range n.Items {
		checkYAMLScalars(t, d, it)
	}
	for _, m := range n.Members {
		checkYAMLScalars(t, d, m.Value)
	}
}
