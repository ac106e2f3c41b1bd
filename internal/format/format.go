// Package format writes policy documents in rampart's canonical layout, the
// one `rampart fmt` enforces. JSON stays JSON and YAML stays YAML; only the
// layout changes, never the value:
//
//   - document keys in the order Version, Id, Statement; statement keys in
//     the order Sid, Effect, Principal, NotPrincipal, Action, NotAction,
//     Resource, NotResource, Condition; keys rampart does not know follow
//     the known ones in the order they were written;
//   - inside Principal and Condition, and everywhere else, keys keep the
//     author's order: it carries no meaning for the cloud, and authors use
//     it to tell a story (a time window's start before its end);
//   - two-space indentation, one element per line, LF line ends and a final
//     newline;
//   - JSON strings are written with the fewest escapes (no HTML escaping)
//     except that invisible characters are escaped so a reviewer sees them;
//     numbers keep the literal the author wrote;
//   - YAML is re-ordered as a node tree, so comments travel with the key
//     they are attached to. The comment at the top of the file stays at the
//     top; a comment after a block becomes the head comment of what follows
//     it (or stays at the end of the file); the line comment of a flow
//     collection moves to its key's line. Blank lines are not kept, but for
//     the one after the file's head comment. Anchors, aliases and merge keys
//     stay (an alias that re-ordering would put before its anchor swaps
//     places with it);
//   - YAML collections are written in block style (empty ones as [] and
//     {}); strings, keys included, are plain unless YAML (1.2 or 1.1) would
//     read them as something else or cannot write them plain, in which case
//     they are double-quoted ("1", "*", "true", "yes", "2012-10-17");
//     literal and folded block strings keep their style; numbers, booleans
//     and nulls keep their literal text, but an empty null is written null;
//     custom tags (!Ref) are left as they are;
//   - in JD Cloud documents, which accept element names in any case,
//     element names are rewritten in their canonical case (`version` →
//     `Version`, `effect` → `Effect`), unless two keys of one object would
//     then collide.
//
// Formatting is idempotent, and Document checks before it returns that the
// text it produces parses to the same value as its input.
package format

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// Options say how to format a document.
type Options struct {
	// Dialect is the document's dialect; empty when unknown. For jdcloud,
	// element names are rewritten in their canonical case.
	Dialect policydoc.Dialect
}

func (o Options) fold() bool { return o.Dialect == policydoc.JDCloud }

// Document returns the canonical text of a parsed policy document, in the
// document's own format. It fails when the document is not a whole file
// (see policydoc.Document.Sub) or, as a safety net, when the text it would
// produce does not read back as the same value.
func Document(doc *policydoc.Document, opt Options) ([]byte, error) {
	if doc == nil || doc.Root == nil {
		return nil, errors.New("format: no document")
	}
	if doc.Prefix != "" {
		return nil, fmt.Errorf("format %s: %s is part of a file, not a whole document", doc.Path, doc.Prefix)
	}
	var out []byte
	var err error
	switch doc.Format {
	case policydoc.YAML:
		out, err = formatYAML(doc.Source, opt)
	default:
		out = formatJSON(doc.Root, opt)
	}
	if err != nil {
		return nil, fmt.Errorf("format %s: %w", doc.Path, err)
	}
	if err := sameValue(doc, out, opt); err != nil {
		return nil, fmt.Errorf("format %s: %w", doc.Path, err)
	}
	return out, nil
}

// sameValue parses the formatted text and compares its value with the
// original document's, element names in canonical case on both sides.
func sameValue(doc *policydoc.Document, out []byte, opt Options) error {
	again, err := policydoc.Parse(doc.Path, out, doc.Format, policydoc.Limits{})
	if err != nil {
		return fmt.Errorf("the formatted text does not parse (%v); the file is left as it is", err)
	}
	if !equalValue(doc.Root, again.Root, levelDocument, opt.fold()) {
		return errors.New("the formatted text would read as a different value; the file is left as it is")
	}
	return nil
}

// equalValue reports whether two nodes hold the same value, the way
// Node.Interface compares (object keys as a set), with the element names
// of a document at lvl and of its statements renamed as plan renames them.
func equalValue(a, b *policydoc.Node, lvl level, fold bool) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case policydoc.Array:
		if len(a.Items) != len(b.Items) {
			return false
		}
		items := levelOther
		if lvl == levelStatement {
			items = levelStatement // the list of statements
		}
		for i := range a.Items {
			if !equalValue(a.Items[i], b.Items[i], items, fold) {
				return false
			}
		}
		return true
	case policydoc.Object:
		if len(a.Members) != len(b.Members) {
			return false
		}
		_, an := lvl.plan(memberKeys(a), fold)
		_, bn := lvl.plan(memberKeys(b), fold)
		index := make(map[string]*policydoc.Node, len(bn))
		for i, m := range b.Members {
			index[bn[i]] = m.Value
		}
		for i, m := range a.Members {
			bv, ok := index[an[i]]
			if !ok {
				return false
			}
			child := levelOther
			if lvl == levelDocument && an[i] == "Statement" {
				child = levelStatement // for the lone statement and for each of a list
			}
			if !equalValue(m.Value, bv, child, fold) {
				return false
			}
		}
		return true
	}
	return a.Str == b.Str
}

func memberKeys(n *policydoc.Node) []string {
	keys := make([]string, len(n.Members))
	for i, m := range n.Members {
		keys[i] = m.Key
	}
	return keys
}

// level says where an object sits: the document, a statement, or anywhere
// else (where keys keep their order).
type level uint8

const (
	levelOther level = iota
	levelDocument
	levelStatement
)

// plan decides how the members of an object at this level are written (see
// the function plan).
func (l level) plan(keys []string, fold bool) (order []int, names []string) {
	switch l {
	case levelDocument:
		return plan(keys, documentKeys, fold)
	case levelStatement:
		return plan(keys, statementKeys, fold)
	}
	return plan(keys, nil, false)
}

// The canonical orders of the keys of a document and of a statement.
var (
	documentKeys  = []string{"Version", "Id", "Statement"}
	statementKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)

// plan decides how the members of an object with the given keys are
// written: order lists the indexes of the members in the order to write
// them, names the name each member is written with. Known keys come first
// in the order of known, then the others as they were written. With fold,
// a key that equals a known one but for case is renamed, unless another key
// of the object folds to the same name.
func plan(keys, known []string, fold bool) (order []int, names []string) {
	names = append([]string(nil), keys...)
	if fold {
		count := make(map[string]int, len(known))
		for _, k := range keys {
			if c, ok := canonicalName(k, known); ok {
				count[c]++
			}
		}
		for i, k := range keys {
			if c, ok := canonicalName(k, known); ok && count[c] == 1 {
				names[i] = c
			}
		}
	}
	order = make([]int, 0, len(keys))
	placed := make([]bool, len(keys))
	for _, k := range known {
		for i, n := range names {
			if !placed[i] && n == k {
				order = append(order, i)
				placed[i] = true
			}
		}
	}
	for i := range keys {
		if !placed[i] {
			order = append(order, i)
		}
	}
	return order, names
}

func canonicalName(key string, known []string) (string, bool) {
	for _, k := range known {
		if strings.EqualFold(key, k) {
			return k, true
		}
	}
	return "", false
}
