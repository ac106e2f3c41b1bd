package policydoc

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const samplePolicy = `{
  "Version": "1",
  "Statement": [
    {
      "Sid": "Ops",
      "Effect": "Allow",
      "Action": ["ecs:Describe*", "ecs:StopInstance"],
      "Resource": "acs:ecs:*:11223344:instance/*",
      "Condition": {"IpAddress": {"acs:SourceIp": ["203.0.113.0/24"]}}
    }
  ]
}
`

func mustParse(t *testing.T, name, src string) *Document {
	t.Helper()
	d, err := Parse(name, []byte(src), FormatOf(name), DefaultLimits)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return d
}

func TestLocateJSON(t *testing.T) {
	d := mustParse(t, "p.json", samplePolicy)
	tests := []struct {
		ptr    string
		target Target
		want   Range
		exact  bool
	}{
		{"/Version", TargetValue, Range{Pos{2, 14}, Pos{2, 17}}, true},
		{"/Version", TargetKey, Range{Pos{2, 3}, Pos{2, 12}}, true},
		{"/Statement/0/Effect", TargetValue, Range{Pos{6, 17}, Pos{6, 24}}, true},
		{"/Statement/0/Action/1", TargetValue, Range{Pos{7, 35}, Pos{7, 53}}, true},
		{"/Statement/0/Condition/IpAddress/acs:SourceIp/0", TargetValue, Range{Pos{9, 52}, Pos{9, 68}}, true},
		{"/Statement/0", TargetOpen, Range{Pos{4, 5}, Pos{4, 6}}, true},
		{"/Statement/0/Principal", TargetValue, Range{Pos{4, 5}, Pos{4, 6}}, false},
		{"/Nope/deeper", TargetValue, Range{Pos{1, 1}, Pos{1, 2}}, false},
		{"/statement/0/effect", TargetValue, Range{Pos{6, 17}, Pos{6, 24}}, true}, // case-insensitive fallback
	}
	for _, tt := range tests {
		got, exact := d.Locate(tt.ptr, tt.target)
		if got != tt.want || exact != tt.exact {
			t.Errorf("Locate(%q, %d) = %v exact=%v, want %v exact=%v", tt.ptr, tt.target, got, exact, tt.want, tt.exact)
		}
	}
}

func TestLocateYAML(t *testing.T) {
	src := `Version: "1"
Statement:
  - Sid: Ops   # a comment
    Effect: Allow
    Action: [ecs:Describe*, 'ecs:StopInstance']
    Resource:
      - acs:ecs:*:11223344:instance/*
    Condition:
      IpAddress: {acs:SourceIp: "203.0.113.0/24"}
    Note: |
      two
      lines
`
	d := mustParse(t, "p.yaml", src)
	tests := []struct {
		ptr    string
		target Target
		want   Range
	}{
		{"/Version", TargetValue, Range{Pos{1, 10}, Pos{1, 13}}},
		{"/Version", TargetKey, Range{Pos{1, 1}, Pos{1, 8}}},
		{"/Statement/0/Sid", TargetValue, Range{Pos{3, 10}, Pos{3, 13}}},
		{"/Statement/0/Effect", TargetValue, Range{Pos{4, 13}, Pos{4, 18}}},
		{"/Statement/0/Action/0", TargetValue, Range{Pos{5, 14}, Pos{5, 27}}},
		{"/Statement/0/Action/1", TargetValue, Range{Pos{5, 29}, Pos{5, 47}}},
		{"/Statement/0/Action", TargetValue, Range{Pos{5, 13}, Pos{5, 48}}},
		{"/Statement/0/Resource/0", TargetValue, Range{Pos{7, 9}, Pos{7, 38}}},
		{"/Statement/0/Condition/IpAddress/acs:SourceIp", TargetValue, Range{Pos{9, 33}, Pos{9, 49}}},
		{"/Statement/0/Condition/IpAddress/acs:SourceIp", TargetKey, Range{Pos{9, 19}, Pos{9, 31}}},
		{"/Statement/0/Note", TargetValue, Range{Pos{10, 11}, Pos{12, 12}}},
	}
	for _, tt := range tests {
		got, _ := d.Locate(tt.ptr, tt.target)
		if got != tt.want {
			t.Errorf("Locate(%q, %d) = %v, want %v", tt.ptr, tt.target, got, tt.want)
		}
	}
	v := d.Root.Interface()
	want := map[string]any{
		"Version": "1",
		"Statement": []any{map[string]any{
			"Sid": "Ops", "Effect": "Allow",
			"Action":    []any{"ecs:Describe*", "ecs:StopInstance"},
			"Resource":  []any{"acs:ecs:*:11223344:instance/*"},
			"Condition": map[string]any{"IpAddress": map[string]any{"acs:SourceIp": "203.0.113.0/24"}},
			"Note":      "two\nlines\n",
		}},
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("Interface() = %#v", v)
	}
}

func TestYAMLScalarTypes(t *testing.T) {
	d := mustParse(t, "t.yaml", "a: 1\nb: 0x10\nc: 2.50\nd: true\ne: ~\nf: 2026-01-01\ng: '3'\nh: yes\ni: .inf\nj: 1_000\n")
	got := d.Root.Interface()
	want := map[string]any{
		"a": json.Number("1"), "b": json.Number("16"), "c": json.Number("2.50"), "d": true, "e": nil,
		"f": "2026-01-01", "g": "3", "h": "yes", "i": ".inf", "j": json.Number("1000"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

func TestYAMLAliasesAndMerge(t *testing.T) {
	d := mustParse(t, "t.yaml", "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\nref: *b\n")
	got := d.Root.Interface()
	want := map[string]any{
		"base":    map[string]any{"x": json.Number("1"), "y": json.Number("2")},
		"derived": map[string]any{"x": json.Number("1"), "y": json.Number("3")},
		"ref":     map[string]any{"x": json.Number("1"), "y": json.Number("2")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		code      string
		msg       string
	}{
		{"unclosed.json", "{\n  \"Version\": \"1\",\n  \"Statement\": [\n", 4, 1, "syntax", "the array opened at 3:16 is not closed"},
		{"unclosed-obj.json", "{\"Version\": \"1\"", 1, 16, "syntax", "the object opened at 1:1 is not closed"},
		{"trailing-comma.json", "{\n  \"Version\": \"1\",\n}\n", 2, 17, "syntax", "trailing comma before '}'"},
		{"trailing-comma-array.json", "{\"A\": [1, 2,]}", 1, 12, "syntax", "trailing comma before ']'"},
		{"dup.json", "{\n  \"Effect\": \"Allow\",\n  \"Effect\": \"Deny\"\n}", 3, 3, "duplicate-key", `duplicate key "Effect" (first at 2:3)`},
		{"bom.json", "\xEF\xBB\xBF{}", 1, 1, "syntax", "byte-order mark"},
		{"comment.json", "{\n  // note\n  \"a\": 1\n}", 2, 3, "syntax", "comments are not allowed in JSON"},
		{"block-comment.json", "{\"a\": /* x */ 1}", 1, 7, "syntax", "comments are not allowed in JSON"},
		{"garbage.json", "{\"a\": 1}\n}", 2, 1, "syntax", "after the end of the JSON value"},
		{"single.json", "{'a': 1}", 1, 2, "syntax", "double quotes"},
		{"bare.json", "{a: 1}", 1, 2, "syntax", "object key a must be in double quotes"},
		{"missing-comma.json", "{\"a\": 1 \"b\": 2}", 1, 9, "syntax", "want ',' or '}'"},
		{"python.json", "{\"a\": True}", 1, 7, "syntax", "lower case"},
		{"number.json", "{\"a\": 01}", 1, 7, "syntax", "not a valid JSON number"},
		{"nul.json", "{\"a\": \"x\x00y\"}", 1, 9, "encoding", "NUL byte"},
		{"utf8.json", "{\"a\": \"x\xffy\"}", 1, 9, "encoding", "invalid UTF-8"},
		{"newline.json", "{\"a\": \"x\ny\"}", 1, 9, "syntax", "line break inside a string"},
		{"escape.json", `{"a": "\q"}`, 1, 8, "syntax", "invalid escape"},
		{"empty.json", "  \n", 2, 1, "empty", "empty"},
		{"deep.json", strings.Repeat("[", 70) + strings.Repeat("]", 70), 1, 65, "limit", "deeper than 64"},
		{"bad.yaml", "a: b\n  c: d\n", 2, 3, "syntax", "YAML: mapping values are not allowed"},
		{"dup.yaml", "Effect: Allow\nEffect: Deny\n", 2, 1, "duplicate-key", `duplicate key "Effect" (first at 1:1)`},
		{"multi.yaml", "a: 1\n---\nb: 2\n", 2, 1, "syntax", "more than one YAML document"},
		{"nul.yaml", "a: b\x00\n", 1, 5, "encoding", "NUL byte"},
		{"utf8.yaml", "a: \xfe\n", 1, 4, "encoding", "invalid UTF-8"},
		{"deep.yaml", strings.Repeat("[", 70) + strings.Repeat("]", 70), 1, 65, "limit", "deeper than 64"},
		{"bomb.yaml", aliasBomb(), 0, 0, "limit", "aliases expand it beyond the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.name, []byte(tt.src), FormatOf(tt.name), DefaultLimits)
			perr, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse error = %v (%T), want *Error", err, err)
			}
			if perr.Code != tt.code || !strings.Contains(perr.Msg, tt.msg) {
				t.Errorf("error = [%s] %s, want [%s] containing %q", perr.Code, perr.Msg, tt.code, tt.msg)
			}
			if tt.line != 0 && (perr.Start.Line != tt.line || perr.Start.Col != tt.col) {
				t.Errorf("error at %d:%d, want %d:%d (%s)", perr.Start.Line, perr.Start.Col, tt.line, tt.col, perr.Msg)
			}
		})
	}
}

func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a")
		b.WriteByte(byte('0' + i))
		b.WriteString(": &a")
		b.WriteByte(byte('0' + i))
		b.WriteString(" [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a")
			b.WriteByte(byte('0' + i - 1))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestSizeLimit(t *testing.T) {
	src := bytes.Repeat([]byte(" "), 5<<20)
	_, err := Parse("big.json", src, JSON, DefaultLimits)
	if err == nil || !strings.Contains(err.Error(), "larger than the limit of 4.0 MiB") {
		t.Fatalf("err = %v", err)
	}
	lim := DefaultLimits
	lim.MaxStringLen = 10
	if _, err := Parse("s.json", []byte(`{"a": "0123456789abc"}`), JSON, lim); err == nil || !strings.Contains(err.Error(), "string longer than 10 bytes") {
		t.Fatalf("err = %v", err)
	}
}

func TestPointers(t *testing.T) {
	if got := JoinPointer("/Statement/0/Condition", "StringEquals", "aws:PrincipalTag/team"); got != "/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team" {
		t.Errorf("JoinPointer = %q", got)
	}
	if got := SplitPointer("/a~1b/c~0d/0"); !reflect.DeepEqual(got, []string{"a/b", "c~d", "0"}) {
		t.Errorf("SplitPointer = %q", got)
	}
	d := mustParse(t, "x.json", `{"a/b": {"~": [true]}}`)
	if n, _, ok := d.Lookup("/a~1b/~0/0"); !ok || n.Kind != Bool {
		t.Errorf("Lookup escaped pointer failed")
	}
	for _, bad := range []string{"/a~1b/~0/1", "/a~1b/~0/00", "/a~1b/~0/-1", "/a~1b/~0/x"} {
		if _, _, ok := d.Lookup(bad); ok {
			t.Errorf("Lookup(%q) should fail", bad)
		}
	}
}

func TestCanonicalIgnoresFormatting(t *testing.T) {
	a := mustParse(t, "a.json", `{"Statement":[{"Effect":"Allow","Action":"*"}]}`)
	b := mustParse(t, "b.json", "{\n  \"Statement\": [\n    {\n      \"Effect\" : \"Allow\",\n      \"Action\": \"*\"\n    }\n  ]\n}\n")
	c := mustParse(t, "c.yaml", "Statement:\n  - Effect: Allow\n    Action: '*'\n")
	if !bytes.Equal(a.Canonical(""), b.Canonical("")) || !bytes.Equal(a.Canonical(""), c.Canonical("")) {
		t.Errorf("canonical forms differ:\n%s\n%s\n%s", a.Canonical(""), b.Canonical(""), c.Canonical(""))
	}
}

func TestYAMLErrorLines(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		msg       string
	}{
		{"a: [b\n", 1, 4, "the list opened here is not closed"},
		{"x: 1\ny:\n  - a: [b, c\n  - d\n", 3, 8, "the list opened here is not closed"},
		{"x: 1\ny: {a: 1\nz: 2\n", 2, 4, "the mapping opened here is not closed"},
		{"a: 1\n b: 2\n", 2, 2, "mapping values are not allowed"},
		{"a: 1\nb: @x\n", 2, 1, "cannot start any token"},
		{"- a\nb: c\n", 2, 1, "did not find expected '-' indicator"},
	}
	for _, tt := range tests {
		_, err := Parse("e.yaml", []byte(tt.src), YAML, DefaultLimits)
		perr, ok := err.(*Error)
		if !ok || perr.Start.Line != tt.line || perr.Start.Col != tt.col || !strings.Contains(perr.Msg, tt.msg) {
			t.Errorf("Parse(%q) = %v; want %d:%d %q", tt.src, err, tt.line, tt.col, tt.msg)
		}
	}
}
