package policydoc

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format is the syntax a document is written in.
type Format string

// The formats.
const (
	JSON Format = "json"
	YAML Format = "yaml"
)

// FormatOf guesses the format from a file name: .yaml and .yml are YAML,
// everything else JSON.
func FormatOf(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return YAML
	}
	return JSON
}

// Pos is a 1-based line and column; columns count Unicode code points.
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"column"`
}

// Range is a span of source text; End is exclusive.
type Range struct {
	Start Pos
	End   Pos
}

// Document is a parsed file.
type Document struct {
	Path   string // slash-separated, relative to the repository root
	Format Format
	Source []byte
	Root   *Node
	// Prefix is the pointer of Root inside the file: empty for a whole
	// file, set for a policy written inline in another document (see Sub).
	Prefix string
	lines  []int // byte offset of the start of each line
}

// Sub returns a view of the value at ptr as a document of its own: the same
// file and source, with Root at that value and Prefix recording where it
// sits, so positions stay exact and pointers can be reported in full.
func (d *Document) Sub(ptr string) (*Document, bool) {
	n, _, ok := d.Lookup(ptr)
	if !ok {
		return nil, false
	}
	return &Document{Path: d.Path, Format: d.Format, Source: d.Source, Root: n, Prefix: d.Prefix + ptr, lines: d.lines}, true
}

// Limits bound what a parser accepts, so hostile input fails with a clear
// error instead of exhausting memory.
type Limits struct {
	MaxBytes     int // size of the file
	MaxDepth     int // nesting of arrays and objects
	MaxNodes     int // values in the tree, after YAML aliases are expanded
	MaxStringLen int // bytes in one string or key
}

// DefaultLimits are the limits rampart applies to every file.
var DefaultLimits = Limits{MaxBytes: 4 << 20, MaxDepth: 64, MaxNodes: 200_000, MaxStringLen: 256 << 10}

// Error is a problem in a file at a position.
type Error struct {
	Path  string
	Start Pos
	End   Pos
	Code  string // "syntax", "empty", "duplicate-key", "limit", "encoding"
	Msg   string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Start.Line, e.Start.Col, e.Msg)
}

// Parse parses src as JSON or YAML according to format.
func Parse(name string, src []byte, format Format, lim Limits) (*Document, error) {
	d := &Document{Path: name, Format: format, Source: src}
	d.indexLines()
	if lim.MaxBytes > 0 && len(src) > lim.MaxBytes {
		return nil, d.errAt(0, 0, "limit", fmt.Sprintf("file is %s, larger than the limit of %s", humanBytes(len(src)), humanBytes(lim.MaxBytes)))
	}
	var err error
	switch format {
	case YAML:
		d.Root, err = parseYAML(d, lim)
	default:
		d.Root, err = parseJSON(d, lim)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}

func (d *Document) indexLines() {
	// A line ends at "\n", "\r\n" or a lone "\r", as YAML counts them.
	d.lines = make([]int, 1, 1+bytes.Count(d.Source, []byte{'\n'}))
	for i, c := range d.Source {
		if c == '\n' || (c == '\r' && (i+1 == len(d.Source) || d.Source[i+1] != '\n')) {
			d.lines = append(d.lines, i+1)
		}
	}
}

// Position converts a byte offset into a line and column.
func (d *Document) Position(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(d.Source) {
		off = len(d.Source)
	}
	line := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off }) - 1
	if line < 0 {
		line = 0
	}
	start := d.lines[line]
	return Pos{Line: line + 1, Col: utf8.RuneCount(d.Source[start:off]) + 1}
}

// Offset converts a line and column back into a byte offset.
func (d *Document) Offset(p Pos) int {
	if p.Line < 1 {
		return 0
	}
	if p.Line > len(d.lines) {
		return len(d.Source)
	}
	off := d.lines[p.Line-1]
	for col := 1; col < p.Col && off < len(d.Source) && d.Source[off] != '\n' && d.Source[off] != '\r'; col++ {
		_, n := utf8.DecodeRune(d.Source[off:])
		off += n
	}
	return off
}

// Line returns the text of a 1-based line without its line break.
func (d *Document) Line(n int) string {
	if n < 1 || n > len(d.lines) {
		return ""
	}
	start := d.lines[n-1]
	end := len(d.Source)
	if n < len(d.lines) {
		end = d.lines[n]
	}
	return strings.TrimRight(string(d.Source[start:end]), "\r\n")
}

// LineCount is the number of lines in the source.
func (d *Document) LineCount() int { return len(d.lines) }

func (d *Document) rangeOf(start, end int) Range {
	return Range{Start: d.Position(start), End: d.Position(end)}
}

func (d *Document) errAt(start, end int, code, msg string) *Error {
	return &Error{Path: d.Path, Start: d.Position(start), End: d.Position(end), Code: code, Msg: msg}
}

// Lookup resolves a JSON pointer to its node. For an object member the
// second result is the member (its key's offsets); for the root and array
// items it is nil. Keys match exactly first, then case-insensitively (JD
// Cloud accepts element names in any case).
func (d *Document) Lookup(ptr string) (*Node, *Member, bool) {
	n := d.Root
	var mem *Member
	for _, tok := range SplitPointer(ptr) {
		if n == nil {
			return nil, nil, false
		}
		switch n.Kind {
		case Object:
			mem = nil
			for i := range n.Members {
				if n.Members[i].Key == tok {
					mem = &n.Members[i]
					break
				}
			}
			if mem == nil {
				for i := range n.Members {
					if strings.EqualFold(n.Members[i].Key, tok) {
						mem = &n.Members[i]
						break
					}
				}
			}
			if mem == nil {
				return nil, nil, false
			}
			n = mem.Value
		case Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Items) || (len(tok) > 1 && tok[0] == '0') {
				return nil, nil, false
			}
			n, mem = n.Items[i], nil
		default:
			return nil, nil, false
		}
	}
	return n, mem, n != nil
}

// Target says which part of a pointed-to element a location should cover.
type Target uint8

// The targets.
const (
	TargetValue Target = iota // the value
	TargetKey                 // the member's key (the value when there is no key)
	TargetOpen                // the first character of the value (an object's '{')
)

// Locate resolves a pointer to a source range. When the pointer does not
// resolve (a finding about a missing element), it falls back to the nearest
// ancestor that does, and reports exact=false.
func (d *Document) Locate(ptr string, t Target) (r Range, exact bool) {
	tokens := SplitPointer(ptr)
	for i := len(tokens); i >= 0; i-- {
		p := ""
		for _, tok := range tokens[:i] {
			p += "/" + EscapePointerToken(tok)
		}
		n, mem, ok := d.Lookup(p)
		if !ok {
			continue
		}
		exact = i == len(tokens)
		switch {
		case t == TargetKey && mem != nil && exact:
			return d.rangeOf(mem.KeyStart, mem.KeyEnd), exact
		case t == TargetOpen || !exact:
			// A missing element is reported at the opening of its parent.
			end := n.Start + 1
			if n.Kind != Object && n.Kind != Array {
				end = n.End
			}
			return d.rangeOf(n.Start, end), exact
		default:
			return d.rangeOf(n.Start, n.End), exact
		}
	}
	return Range{Start: Pos{1, 1}, End: Pos{1, 1}}, false
}

// Canonical returns the canonical encoding of the value at ptr (see
// Node.AppendCanonical), or nil when the pointer does not resolve.
func (d *Document) Canonical(ptr string) []byte {
	n, _, ok := d.Lookup(ptr)
	if !ok {
		return nil
	}
	return n.AppendCanonical(nil)
}

// Resolve rewrites a pointer into the keys as they are written in the
// document (they may differ in case, which JD Cloud allows). Tokens past
// the part that resolves are kept as given.
func (d *Document) Resolve(ptr string) string {
	tokens := SplitPointer(ptr)
	out := make([]string, 0, len(tokens))
	n := d.Root
	for _, tok := range tokens {
		if n != nil && n.Kind == Object {
			v, key := n.FieldFold(tok)
			if v != nil {
				out = append(out, key)
				n = v
				continue
			}
		}
		if n != nil && n.Kind == Array {
			if item, _, ok := lookupIndex(n, tok); ok {
				out = append(out, tok)
				n = item
				continue
			}
		}
		out = append(out, tok)
		n = nil
	}
	return JoinPointer("", out...)
}
