package simulate

import (
	"strings"
	"unicode/utf8"
)

// pattern is a compiled wildcard pattern: `*` matches any run of characters
// (possibly empty) and `?` exactly one character. Unlike internal/glob it can
// hold literal `*` and `?` characters, which AWS writes as the escapes
// `${*}` and `${?}` and which a substituted policy variable may contain.
// Case folding is the caller's business: fold both sides before compiling
// and matching. A pattern is immutable and safe for concurrent use.
type pattern struct {
	kind patKind
	lit  string // literal, prefix, suffix or contains text
	// General patterns: the text and, per byte, whether it is a wildcard.
	text []byte
	wild []bool
}

type patKind uint8

const (
	patLiteral  patKind = iota // no wildcard
	patAny                     // `*` alone
	patPrefix                  // "abc*"
	patSuffix                  // "*abc"
	patContains                // "*abc*"
	patGeneral
)

// patternBuilder assembles a pattern from wildcard text and literal text.
type patternBuilder struct {
	text []byte
	wild []bool
}

// glob appends text in which `*` and `?` are wildcards.
func (b *patternBuilder) glob(s string) {
	for i := 0; i < len(s); i++ {
		b.text = append(b.text, s[i])
		b.wild = append(b.wild, s[i] == '*' || s[i] == '?')
	}
}

// literal appends text in which every character stands for itself.
func (b *patternBuilder) literal(s string) {
	for i := 0; i < len(s); i++ {
		b.text = append(b.text, s[i])
		b.wild = append(b.wild, false)
	}
}

func (b *patternBuilder) build() pattern {
	return makePattern(string(b.text), b.wild)
}

// compilePattern compiles s, in which `*` and `?` are wildcards.
func compilePattern(s string) pattern {
	if !strings.ContainsAny(s, "*?") {
		return pattern{kind: patLiteral, lit: s}
	}
	var b patternBuilder
	b.glob(s)
	return b.build()
}

// literalPattern matches s only.
func literalPattern(s string) pattern { return pattern{kind: patLiteral, lit: s} }

func makePattern(text string, wild []bool) pattern {
	stars, queries := 0, 0
	for i, w := range wild {
		if w {
			if text[i] == '*' {
				stars++
			} else {
				queries++
			}
		}
	}
	n := len(text)
	switch {
	case stars == 0 && queries == 0:
		return pattern{kind: patLiteral, lit: text}
	case queries == 0 && stars == n:
		return pattern{kind: patAny}
	case queries == 0 && stars == 1 && wild[n-1]:
		return pattern{kind: patPrefix, lit: text[:n-1]}
	case queries == 0 && stars == 1 && wild[0]:
		return pattern{kind: patSuffix, lit: text[1:]}
	case queries == 0 && stars == 2 && n > 2 && wild[0] && wild[n-1]:
		return pattern{kind: patContains, lit: text[1 : n-1]}
	}
	return pattern{kind: patGeneral, text: []byte(text), wild: wild}
}

// matchAll reports whether the pattern is a lone `*`.
func (p *pattern) matchAll() bool { return p.kind == patAny }

// match reports whether s matches the pattern.
func (p *pattern) match(s string) bool {
	switch p.kind {
	case patLiteral:
		return s == p.lit
	case patAny:
		return true
	case patPrefix:
		return strings.HasPrefix(s, p.lit)
	case patSuffix:
		return strings.HasSuffix(s, p.lit)
	case patContains:
		return strings.Contains(s, p.lit)
	}
	return matchGeneral(p.text, p.wild, s)
}

// matchGeneral is the iterative wildcard matcher: on a mismatch after a star
// it retries one character further from the star's anchor, which bounds the
// work at O(len(p)·len(s)) without recursion. `?` consumes one UTF-8
// character.
func matchGeneral(p []byte, wild []bool, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		if pi < len(p) {
			switch {
			case wild[pi] && p[pi] == '*':
				star, mark = pi, si
				pi++
				continue
			case wild[pi]: // '?'
				_, n := utf8.DecodeRuneInString(s[si:])
				pi++
				si += n
				continue
			case p[pi] == s[si]:
				pi++
				si++
				continue
			}
		}
		if star < 0 {
			return false
		}
		pi = star + 1
		_, n := utf8.DecodeRuneInString(s[mark:])
		mark += n
		si = mark
	}
	for pi < len(p) && wild[pi] && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// lowerASCII lower-cases s, without allocating when it has no upper-case
// letter; non-ASCII text is folded with strings.ToLower.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}
