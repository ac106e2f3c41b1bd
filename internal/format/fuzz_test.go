package format

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// FuzzFormat checks, for every input the parser accepts, that formatting
// succeeds, that the result parses to the same value (element names in
// canonical case for jdcloud), and that formatting is idempotent. The
// arguments are the source, whether it is YAML (else JSON) and whether it
// is a JD Cloud document (else AWS). The seed corpus in
// testdata/fuzz/FuzzFormat holds the fixture documents, the golden inputs
// and the inputs that once failed.
func FuzzFormat(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte, isYAML, jdcloud bool) {
		format := policydoc.JSON
		name := "f.json"
		if isYAML {
			format, name = policydoc.YAML, "f.yaml"
		}
		doc, err := policydoc.Parse(name, src, format, policydoc.DefaultLimits)
		if err != nil {
			return
		}
		opt := Options{Dialect: policydoc.AWS}
		if jdcloud {
			opt.Dialect = policydoc.JDCloud
		}
		out, err := Document(doc, opt)
		if err != nil {
			t.Fatalf("format: %v\ninput:\n%s", err, src)
		}
		again, err := policydoc.Parse(name, out, format, policydoc.Limits{})
		if err != nil {
			t.Fatalf("the result does not parse: %v\ninput:\n%s\noutput:\n%s", err, src, out)
		}
		if !reflect.DeepEqual(canonicalValue(doc.Root, opt), canonicalValue(again.Root, opt)) {
			t.Fatalf("the value changed\ninput:\n%s\noutput:\n%s", src, out)
		}
		out2, err := Document(again, opt)
		if err != nil {
			t.Fatalf("format of the result: %v\noutput:\n%s", err, out)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("not idempotent\ninput:\n%s\nonce:\n%s\ntwice:\n%s", src, out, out2)
		}
	})
}

// canonicalValue is the value of a document as Node.Interface returns it,
// with the element names of the document and of its statements renamed as
// Document renames them (for jdcloud). It is the tests' own account of
// "the same value", apart from the check Document makes.
func canonicalValue(root *policydoc.Node, opt Options) any {
	if root == nil || root.Kind != policydoc.Object {
		return root.Interface()
	}
	rename := func(n *policydoc.Node, known []string) map[string]any {
		count := map[string]int{}
		for _, m := range n.Members {
			for _, k := range known {
				if strings.EqualFold(m.Key, k) {
					count[k]++
				}
			}
		}
		out := make(map[string]any, len(n.Members))
		for _, m := range n.Members {
			name := m.Key
			for _, k := range known {
				if opt.Dialect == policydoc.JDCloud && strings.EqualFold(m.Key, k) && count[k] == 1 {
					name = k
				}
			}
			out[name] = m.Value
		}
		return out
	}
	statement := func(n *policydoc.Node) any {
		if n.Kind != policydoc.Object {
			return n.Interface()
		}
		out := rename(n, statementKeys)
		for k, v := range out {
			out[k] = v.(*policydoc.Node).Interface()
		}
		return out
	}
	out := rename(root, documentKeys)
	for k, v := range out {
		n := v.(*policydoc.Node)
		switch {
		case k == "Statement" && n.Kind == policydoc.Object:
			out[k] = statement(n)
		case k == "Statement" && n.Kind == policydoc.Array:
			items := make([]any, len(n.Items))
			for i, it := range n.Items {
				items[i] = statement(it)
			}
			out[k] = items
		default:
			out[k] = n.Interface()
		}
	}
	return out
}
