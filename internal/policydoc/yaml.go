package policydoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlConverter turns a yaml.Node tree into Nodes with byte offsets, checking
// for duplicate keys, bounding alias expansion and nesting, and keeping
// scalars as the JSON types a policy author means: quoted scalars and
// timestamps stay strings, numbers stay their literal text.
type yamlConverter struct {
	d     *Document
	lim   Limits
	nodes int
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func parseYAML(d *Document, lim Limits) (root *Node, err error) {
	if err := checkEncoding(d); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, d.errAt(0, 0, "syntax", fmt.Sprintf("the YAML parser failed on this file: %v", r))
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(d.Source))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, d.errAt(0, 0, "empty", "the document is empty")
		}
		return nil, yamlError(d, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		off := d.Offset(Pos{Line: extra.Line, Col: 1})
		return nil, d.errAt(off, off+3, "syntax", "the file holds more than one YAML document; keep one document per file")
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(d, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, d.errAt(0, 0, "empty", "the document is empty")
	}
	c := &yamlConverter{d: d, lim: lim}
	root, err = c.convert(doc.Content[0], 0, false)
	if err != nil {
		return nil, err
	}
	clampOffsets(root, len(d.Source))
	return root, nil
}

// clampOffsets keeps every offset inside the source; the end of an empty
// collection at the end of the file would otherwise point past it.
func clampOffsets(n *Node, size int) {
	n.Start, n.End = min(n.Start, size), min(n.End, size)
	for _, it := range n.Items {
		clampOffsets(it, size)
	}
	for i := range n.Members {
		m := &n.Members[i]
		m.KeyStart, m.KeyEnd = min(m.KeyStart, size), min(m.KeyEnd, size)
		clampOffsets(m.Value, size)
	}
}

// checkEncoding reports NUL bytes and invalid UTF-8 with their position;
// the YAML library's own message for them has no column.
func checkEncoding(d *Document) error {
	src := d.Source
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return d.errAt(i, i+1, "encoding", "NUL byte in the file")
	}
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return d.errAt(i, i+1, "encoding", fmt.Sprintf("invalid UTF-8 byte 0x%02x", src[i]))
		}
		i += n
	}
	return nil
}

func yamlError(d *Document, err error) *Error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return d.errAt(0, 0, "syntax", "YAML: "+msg)
	}
	line := 1
	problem := m[2]
	if m[1] != "" {
		line, _ = strconv.Atoi(m[1])
		// The library counts the lines of parser errors (as opposed to
		// scanner errors) from zero.
		for _, p := range yamlParserProblems {
			if strings.HasPrefix(problem, p) {
				line++
				break
			}
		}
	}
	line = min(max(line, 1), d.LineCount())
	text := d.Line(line)
	col := len(text) - len(strings.TrimLeft(text, " \t")) + 1
	// An unclosed flow collection is reported where it opens.
	for _, fc := range [...]struct{ problem, open string }{{"did not find expected ',' or ']'", "["}, {"did not find expected ',' or '}'", "{"}} {
		if !strings.HasPrefix(problem, fc.problem) {
			continue
		}
		for ln := line; ln >= 1; ln-- {
			if i := strings.LastIndex(d.Line(ln), fc.open); i >= 0 {
				line, text = ln, d.Line(ln)
				col = utf8.RuneCountInString(text[:i]) + 1
				problem += ": the " + map[string]string{"[": "list", "{": "mapping"}[fc.open] + " opened here is not closed"
				break
			}
		}
	}
	off := d.Offset(Pos{Line: line, Col: col})
	end := d.Offset(Pos{Line: line, Col: utf8.RuneCountInString(text) + 1})
	return d.errAt(off, max(end, off), "syntax", "YAML: "+problem)
}

// yamlParserProblems are the messages of the YAML library's parser, whose
// line numbers it reports from zero.
var yamlParserProblems = []string{
	"did not find expected <document start>", "did not find expected node content", "did not find expected key",
	"did not find expected '-' indicator", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"found duplicate %YAML directive", "found incompatible YAML document", "found duplicate %TAG directive", "found undefined tag handle",
}

func (c *yamlConverter) fail(n *yaml.Node, code, msg string) *Error {
	off := c.d.Offset(Pos{Line: n.Line, Col: n.Column})
	return c.d.errAt(off, c.scalarEnd(n, off, false, false), code, msg)
}

func (c *yamlConverter) convert(y *yaml.Node, depth int, flow bool) (*Node, error) {
	c.nodes++
	if c.lim.MaxNodes > 0 && c.nodes > c.lim.MaxNodes {
		return nil, c.fail(y, "limit", fmt.Sprintf("the document holds more than %d values (YAML aliases expand it beyond the limit)", c.lim.MaxNodes))
	}
	start := c.d.Offset(Pos{Line: y.Line, Col: y.Column})
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, c.fail(y, "syntax", "YAML alias refers to no anchor")
		}
		return c.convert(y.Alias, depth, flow)
	case yaml.ScalarNode:
		return c.scalar(y, start, flow)
	case yaml.SequenceNode:
		if c.lim.MaxDepth > 0 && depth+1 > c.lim.MaxDepth {
			return nil, c.fail(y, "limit", fmt.Sprintf("nesting is deeper than %d levels", c.lim.MaxDepth))
		}
		isFlow := y.Style&yaml.FlowStyle != 0
		n := &Node{Kind: Array, Start: start, End: start + 1}
		for _, it := range y.Content {
			v, err := c.convert(it, depth+1, flow || isFlow)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, v)
			n.End = max(n.End, v.End)
		}
		if isFlow {
			n.End = c.closing(n.End, ']')
		}
		return n, nil
	case yaml.MappingNode:
		return c.mapping(y, start, depth, flow)
	}
	return nil, c.fail(y, "syntax", "unsupported YAML node")
}

func (c *yamlConverter) mapping(y *yaml.Node, start, depth int, flow bool) (*Node, error) {
	if c.lim.MaxDepth > 0 && depth+1 > c.lim.MaxDepth {
		return nil, c.fail(y, "limit", fmt.Sprintf("nesting is deeper than %d levels", c.lim.MaxDepth))
	}
	isFlow := y.Style&yaml.FlowStyle != 0
	n := &Node{Kind: Object, Start: start, End: start + 1}
	seen := map[string]int{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			return nil, c.fail(k, "syntax", "mapping keys must be plain strings")
		}
		keyStart := c.d.Offset(Pos{Line: k.Line, Col: k.Column})
		keyEnd := c.scalarEnd(k, keyStart, true, flow || isFlow)
		if prev, dup := seen[k.Value]; dup {
			at := c.d.Position(prev)
			return nil, &Error{Path: c.d.Path, Start: c.d.Position(keyStart), End: c.d.Position(keyEnd), Code: "duplicate-key",
				Msg: fmt.Sprintf("duplicate key %q (first at %d:%d): keep one", k.Value, at.Line, at.Col)}
		}
		if c.lim.MaxStringLen > 0 && len(k.Value) > c.lim.MaxStringLen {
			return nil, c.fail(k, "limit", fmt.Sprintf("key longer than %s", humanBytes(c.lim.MaxStringLen)))
		}
		seen[k.Value] = keyStart
		val, err := c.convert(v, depth+1, flow || isFlow)
		if err != nil {
			return nil, err
		}
		n.Members = append(n.Members, Member{Key: k.Value, KeyStart: keyStart, KeyEnd: keyEnd, Value: val})
		n.End = max(n.End, val.End)
	}
	// Merge keys (<<: *base) add the members the mapping does not set itself.
	for _, m := range merges {
		sources := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			sources = m.Content
		}
		for _, src := range sources {
			mv, err := c.convert(src, depth, flow || isFlow)
			if err != nil {
				return nil, err
			}
			if mv.Kind != Object {
				return nil, c.fail(src, "syntax", "a YAML merge key (<<) needs a mapping")
			}
			for _, mem := range mv.Members {
				if _, dup := seen[mem.Key]; dup {
					continue
				}
				seen[mem.Key] = mem.KeyStart
				n.Members = append(n.Members, mem)
			}
		}
	}
	if isFlow {
		n.End = c.closing(n.End, '}')
	}
	return n, nil
}

// closing finds the closing bracket of a flow collection after off.
func (c *yamlConverter) closing(off int, want byte) int {
	src := c.d.Source
	for i := off; i < len(src); i++ {
		switch src[i] {
		case want:
			return i + 1
		case ' ', '\t', '\n', '\r', ',':
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		default:
			return off
		}
	}
	return off
}

var jsonNumberRE = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

func (c *yamlConverter) scalar(y *yaml.Node, start int, flow bool) (*Node, error) {
	if c.lim.MaxStringLen > 0 && len(y.Value) > c.lim.MaxStringLen {
		return nil, c.fail(y, "limit", fmt.Sprintf("string longer than %s", humanBytes(c.lim.MaxStringLen)))
	}
	n := &Node{Kind: String, Str: y.Value, Start: start}
	n.End = c.scalarEnd(y, start, false, flow)
	if y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n, nil
	}
	switch y.ShortTag() {
	case "!!null":
		n.Kind, n.Str = Null, ""
	case "!!bool":
		n.Kind = Bool
		if strings.EqualFold(y.Value, "true") {
			n.Str = "true"
		} else {
			n.Str = "false"
		}
	case "!!int":
		n.Kind = Number
		if !jsonNumberRE.MatchString(y.Value) {
			v, err := strconv.ParseInt(strings.ReplaceAll(y.Value, "_", ""), 0, 64)
			if err != nil {
				n.Kind = String // too large or odd: keep the text
			} else {
				n.Str = strconv.FormatInt(v, 10)
			}
		}
	case "!!float":
		n.Kind = Number
		if !jsonNumberRE.MatchString(y.Value) {
			v, err := strconv.ParseFloat(y.Value, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				n.Kind = String // .inf and .nan have no JSON form
			} else {
				n.Str = strconv.FormatFloat(v, 'g', -1, 64)
			}
		}
	}
	// !!str, !!timestamp, !!binary and custom tags stay strings.
	return n, nil
}

// scalarEnd finds where a scalar that starts at off ends in the source; the
// YAML library records only start positions.
func (c *yamlConverter) scalarEnd(y *yaml.Node, off int, key, flow bool) int {
	src := c.d.Source
	if off >= len(src) {
		return off
	}
	switch {
	case y.Kind == yaml.AliasNode:
		i := off + 1
		for i < len(src) && !isYAMLBreakOrSpace(src[i]) && src[i] != ',' && src[i] != ']' && src[i] != '}' {
			i++
		}
		return i
	case y.Style&yaml.DoubleQuotedStyle != 0 && src[off] == '"':
		for i := off + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return len(src)
	case y.Style&yaml.SingleQuotedStyle != 0 && src[off] == '\'':
		for i := off + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return len(src)
	case y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return c.blockEnd(off)
	}
	// Plain scalar: up to a comment, a key indicator, a flow indicator or
	// the end of the line.
	i := off
	for i < len(src) && src[i] != '\n' && src[i] != '\r' {
		if src[i] == '#' && i > off && (src[i-1] == ' ' || src[i-1] == '\t') {
			break
		}
		if src[i] == ':' && (i+1 == len(src) || isYAMLBreakOrSpace(src[i+1]) || (key && (src[i+1] == ',' || src[i+1] == '}'))) {
			break
		}
		if flow && (src[i] == ',' || src[i] == ']' || src[i] == '}') {
			break
		}
		i++
	}
	for i > off && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	if i == off && y.Value == "" {
		return off
	}
	if n := i - off; n < len(y.Value) && y.Kind == yaml.ScalarNode {
		// A plain scalar folded over several lines: the value joins the
		// lines with one character per break, so follow the lines until
		// their text accounts for the whole value.
		total := n
		for ln := c.d.Position(i).Line + 1; total < len(y.Value) && ln <= c.d.LineCount(); ln++ {
			text := c.d.Line(ln)
			if k := strings.Index(text, " #"); k >= 0 {
				text = text[:k]
			}
			seg := strings.TrimSpace(text)
			total++ // the line break, folded to a space or a newline
			if seg == "" {
				continue
			}
			total += len(seg)
			lineStart := c.d.Offset(Pos{Line: ln, Col: 1})
			i = lineStart + strings.Index(c.d.Line(ln), seg) + len(seg)
		}
	}
	return max(i, off)
}

// blockEnd finds the end of a literal or folded block scalar whose indicator
// is at off: the block runs while lines are blank or indented deeper than the
// line holding the indicator.
func (c *yamlConverter) blockEnd(off int) int {
	d := c.d
	p := d.Position(off)
	indent := indentOf(d.Line(p.Line))
	end := d.Offset(Pos{Line: p.Line, Col: utf8.RuneCountInString(d.Line(p.Line)) + 1})
	for ln := p.Line + 1; ln <= d.LineCount(); ln++ {
		text := d.Line(ln)
		if strings.TrimSpace(text) == "" {
			continue
		}
		if indentOf(text) <= indent {
			break
		}
		end = d.Offset(Pos{Line: ln, Col: utf8.RuneCountInString(text) + 1})
	}
	return end
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

func isYAMLBreakOrSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
