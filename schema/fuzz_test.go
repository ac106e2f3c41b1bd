package schema

import (
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// FuzzValidate maps schema errors of arbitrary documents to findings: it
// never panics, every finding has a position inside the file and a pointer
// that resolves, in the document, at least to an ancestor.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{
		`{"Version":"1","Statement":[{"Effect":"allow","Action":5,"Resource":"*"}]}`,
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","NotAction":"x","Principal":"p"}}`,
		`{"version":"3","statement":[{"effect":"Deny","action":["vm:*",1],"resource":"*","Condition":{"Foo":{"k":true}}}]}`,
		`{"Statment":[],"Id":7}`,
		`[]`, `"x"`, `{"Statement":[1,{},[]]}`,
	} {
		f.Add([]byte(s), uint8(0))
	}
	v, err := New()
	if err != nil {
		f.Fatal(err)
	}
	subjects := []Subject{Inventory, Scenarios, Config}
	for _, d := range policydoc.Dialects {
		for _, k := range policydoc.Kinds {
			if s, ok := ForPolicy(d, k); ok {
				subjects = append(subjects, s)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, which uint8) {
		doc, err := policydoc.Parse("f.json", src, policydoc.JSON, policydoc.DefaultLimits)
		if err != nil {
			return
		}
		subj := subjects[int(which)%len(subjects)]
		for _, fd := range v.Validate(doc, subj) {
			if fd.Line < 1 || fd.Column < 1 || fd.Line > doc.LineCount() {
				t.Fatalf("%s: finding outside the file: %+v", subj.Schema, fd)
			}
			if fd.Message == "" {
				t.Fatalf("%s: finding without a message: %+v", subj.Schema, fd)
			}
			if _, exact := doc.Locate(fd.Pointer, policydoc.TargetValue); !exact {
				// A missing element is reported at its parent; the parent must exist.
				parent := fd.Pointer[:max(0, lastSlash(fd.Pointer))]
				if _, _, ok := doc.Lookup(parent); !ok {
					t.Fatalf("%s: pointer %q resolves to nothing: %+v", subj.Schema, fd.Pointer, fd)
				}
			}
		}
	})
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}
