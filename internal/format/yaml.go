package format

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// formatYAML re-orders the node tree of a YAML document and writes it back
// with the YAML library's encoder, so comments stay attached to their keys.
func formatYAML(src []byte, opt Options) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("the YAML library failed on this file: %v", r)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, errors.New("want one YAML document")
	}
	f := &yamlFormatter{fold: opt.fold(), plain: map[string]bool{}}
	doc.FootComment = joinComments(footToHead(doc.Content[0]), doc.FootComment)
	collectionLineComments(doc.Content[0], nil)
	scalarValueComments(doc.Content[0])
	f.document(doc.Content[0], doc.HeadComment == "")
	firstKeyHeads(doc.Content[0])
	f.style(&doc)
	anchorsFirst(&doc, map[*yaml.Node]bool{})
	keyLineComments(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("write YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("write YAML: %w", err)
	}
	return buf.Bytes(), nil
}

type yamlFormatter struct {
	fold  bool
	plain map[string]bool // whether a string can be written plain, by value
}

// target follows an alias to the node it stands for.
func target(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// document re-orders the keys of the document and of its statements.
// When the file has no head comment of its own (one set apart from the
// first key by a blank line), the comment above the first key is taken
// for it: it describes the file and stays at the top whichever key comes
// first.
func (f *yamlFormatter) document(root *yaml.Node, header bool) {
	root = target(root)
	if root == nil || root.Kind != yaml.MappingNode {
		return
	}
	if header && len(root.Content) > 0 {
		root.HeadComment = joinComments(root.HeadComment, root.Content[0].HeadComment)
		root.Content[0].HeadComment = ""
	}
	names := f.reorder(root, levelDocument)
	for i := 0; i+1 < len(root.Content); i += 2 {
		if names[i/2] != "Statement" {
			continue
		}
		switch st := target(root.Content[i+1]); {
		case st == nil:
		case st.Kind == yaml.MappingNode:
			f.reorder(st, levelStatement)
		case st.Kind == yaml.SequenceNode:
			for _, it := range st.Content {
				if it := target(it); it != nil && it.Kind == yaml.MappingNode {
					f.reorder(it, levelStatement)
				}
			}
		}
	}
}

// reorder puts the pairs of a mapping in the canonical order of its level
// and renames keys as the plan says; it returns the new names in the new
// order. A mapping with an anchor may be used elsewhere too, where its keys
// are no element names: its keys are re-ordered but not renamed.
func (f *yamlFormatter) reorder(m *yaml.Node, lvl level) []string {
	n := len(m.Content) / 2
	keys := make([]string, n)
	for i := range n {
		keys[i] = m.Content[2*i].Value
	}
	order, names := lvl.plan(keys, f.fold && m.Anchor == "")
	content := make([]*yaml.Node, 0, len(m.Content))
	out := make([]string, 0, n)
	for _, idx := range order {
		k, v := m.Content[2*idx], m.Content[2*idx+1]
		if names[idx] != k.Value && k.Kind == yaml.ScalarNode {
			k.Value = names[idx]
		}
		content = append(content, k, v)
		out = append(out, names[idx])
	}
	m.Content = content
	return out
}

// The YAML library attaches a comment that follows a block to the deepest
// node that ends there, and writes it back one level deeper when that node
// is a flow collection written in block style, or when re-ordering moves
// it: foot comments drift. footToHead turns every foot comment into a head
// comment of the node that follows it; it returns the foot comments that
// nothing inside n follows, for the caller to place.
func footToHead(n *yaml.Node) string {
	var pending string
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			k.HeadComment = joinComments(pending, k.HeadComment)
			foot := k.FootComment
			k.FootComment = ""
			pending = joinComments(footToHead(v), foot)
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			it.HeadComment = joinComments(pending, it.HeadComment)
			pending = footToHead(it)
		}
	}
	pending = joinComments(pending, n.FootComment)
	n.FootComment = ""
	return pending
}

// collectionLineComments moves the line comment of a collection (written
// after a flow collection's closing bracket) to the key that holds the
// collection, or above the collection, since block collections have no
// line of their own. Empty collections stay on their line (as [] or {}).
func collectionLineComments(n, key *yaml.Node) {
	if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && len(n.Content) > 0 && n.LineComment != "" {
		if key != nil {
			key.LineComment = joinLine(key.LineComment, n.LineComment)
		} else {
			n.HeadComment = joinComments(n.HeadComment, n.LineComment)
		}
		n.LineComment = ""
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			collectionLineComments(n.Content[i+1], n.Content[i])
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			collectionLineComments(it, nil)
		}
	}
}

// keyLineComments moves the line comment of a key whose value carries an
// anchor or a tag above the key: the encoder would write the comment
// between the key and the anchor, which no parser reads back.
func keyLineComments(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.LineComment != "" && (v.Anchor != "" || !isStandardTag(v.Tag) || v.Style&yaml.TaggedStyle != 0) {
				k.HeadComment = joinComments(k.HeadComment, k.LineComment)
				k.LineComment = ""
			}
		}
	}
	for _, c := range n.Content {
		keyLineComments(c)
	}
}

// scalarValueComments moves comments written between a key and its scalar
// value to where the encoder keeps them: a head comment above the key, a
// line comment after the value.
func scalarValueComments(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind != yaml.ScalarNode && v.Kind != yaml.AliasNode {
				continue
			}
			k.HeadComment = joinComments(k.HeadComment, v.HeadComment)
			v.HeadComment = ""
			v.LineComment = joinLine(k.LineComment, v.LineComment)
			k.LineComment = ""
		}
	}
	for _, c := range n.Content {
		scalarValueComments(c)
	}
}

// firstKeyHeads moves the head comment of the first key of a mapping to the
// mapping itself: in a list the encoder would write it after the dash, and
// the parser puts it back on the mapping.
func firstKeyHeads(n *yaml.Node) {
	if n.Kind == yaml.MappingNode && len(n.Content) > 0 && n.Content[0].HeadComment != "" {
		n.HeadComment = joinComments(n.HeadComment, n.Content[0].HeadComment)
		n.Content[0].HeadComment = ""
	}
	for _, c := range n.Content {
		firstKeyHeads(c)
	}
}

// joinComments joins two blocks of comment lines.
func joinComments(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// joinLine joins two comments that share a line.
func joinLine(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// style sets the canonical presentation of every node: block collections,
// plain or double-quoted strings, standard tags left implicit.
func (f *yamlFormatter) style(n *yaml.Node) {
	switch n.Kind {
	case yaml.SequenceNode, yaml.MappingNode:
		if isStandardTag(n.Tag) {
			n.Style = 0
		} else {
			n.Style &^= yaml.FlowStyle
		}
	case yaml.ScalarNode:
		f.scalar(n, false)
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 && c.Kind == yaml.ScalarNode {
			f.scalar(c, true)
			continue
		}
		f.style(c)
	}
}

// scalar sets the style of a scalar; keys are strings whatever they look
// like, as rampart reads them.
func (f *yamlFormatter) scalar(n *yaml.Node, key bool) {
	if !isStandardTag(n.Tag) || n.ShortTag() == "!!merge" {
		return // a custom tag: another tool's business
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		n.Style &^= yaml.TaggedStyle
		return
	}
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
	case "!!null", "!!bool", "!!int", "!!float":
		if !quoted && !key {
			n.Style = 0 // keep the literal as written
			if n.Value == "" {
				n.Value = "null" // an empty value says null, but not at a glance
			}
			return
		}
	default:
		return // !!binary and the like stay as they are
	}
	// A string: rampart reads a quoted scalar and an unquoted timestamp
	// alike, as text.
	n.Tag = "!!str"
	n.Style = 0
	if !f.canPlain(n.Value) {
		n.Style = yaml.DoubleQuotedStyle
	}
}

// isStandardTag reports a tag of the YAML core schema, the non-specific
// tag "!" or none.
func isStandardTag(tag string) bool {
	return tag == "" || tag == "!" || strings.HasPrefix(tag, "!!") || strings.HasPrefix(tag, "tag:yaml.org,2002:")
}

// canPlain reports whether s can be written as a plain scalar that every
// YAML reader takes for the same string: the YAML library writes it plain
// (so it is no number, boolean, null or date to YAML 1.2 and needs no
// quoting), and YAML 1.1 readers would not take it for a boolean, a number
// in base 60 or octal, or a merge key either.
func (f *yamlFormatter) canPlain(s string) bool {
	if ok, seen := f.plain[s]; seen {
		return ok
	}
	ok := !yaml11Special.MatchString(s) && writesPlain(s)
	f.plain[s] = ok
	return ok
}

var yaml11Special = regexp.MustCompile(`^(?:[yY]|[yY]es|YES|[nN]|[nN]o|NO|[oO]n|ON|[oO]ff|OFF|<<|=|[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?))$`)

// writesPlain reports whether the YAML library writes s, a string, as a
// plain scalar equal to s.
func writesPlain(s string) bool {
	if s == "" || strings.ContainsAny(s, "\n\r") {
		return false
	}
	out, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	return err == nil && string(out) == s+"\n"
}

// anchorsFirst makes every alias come after its anchor in the order the
// encoder writes the nodes: re-ordering keys may have put an alias before
// the node it refers to. Then the alias takes the node's content and anchor,
// and the node becomes the alias. Comments stay where they were.
func anchorsFirst(n *yaml.Node, written map[*yaml.Node]bool) {
	if n.Kind == yaml.AliasNode {
		t := n.Alias
		if t == nil || written[t] {
			return
		}
		n.Kind, t.Kind = t.Kind, yaml.AliasNode
		n.Style, t.Style = t.Style, 0
		n.Tag, t.Tag = t.Tag, ""
		n.Value, t.Value = t.Value, t.Anchor
		n.Anchor, t.Anchor = t.Anchor, ""
		n.Content, t.Content = t.Content, nil
		n.Alias, t.Alias = nil, n
		written[t] = true
	}
	written[n] = true
	for _, c := range n.Content {
		anchorsFirst(c, written)
	}
}
