package policydoc

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestCompactLength(t *testing.T) {
	cases := []string{
		`{}`,
		`[]`,
		`{"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["ecs:*"], "Resource": "*"}]}`,
		`{"a": [1, 2.50, -3e7, true, false, null], "b": {"c": {}}}`,
		`{"q": "say \"hi\"\\ now", "tab": "a\tb\nc", "ctl": "\u0001", "uni": "日本語 é", "html": "<a&b>"}`,
	}
	for _, src := range cases {
		d, err := Parse("p.json", []byte(src), JSON, DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(src)); err != nil {
			t.Fatal(err)
		}
		// json.Compact keeps escapes as written; the sources above write
		// each one the way CompactLength counts it.
		if got, want := d.Root.CompactLength(), utf8.RuneCount(compact.Bytes()); got != want {
			t.Errorf("CompactLength(%s) = %d, want %d (%s)", src, got, want, compact.String())
		}
	}
}

func TestCompactLengthOfYAML(t *testing.T) {
	y, err := Parse("p.yaml", []byte("Version: \"1\"\nStatement:\n  - Effect: Allow\n    Action: ecs:*\n    Resource: \"*\"\n"), YAML, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := len(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}`)
	if got := y.Root.CompactLength(); got != want {
		t.Errorf("CompactLength = %d, want %d", got, want)
	}
}
