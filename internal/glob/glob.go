// Package glob matches the wildcard patterns of IAM policies: `*` stands for
// any run of characters (possibly empty) and `?` for exactly one character.
// Every other character is literal. Matching is linear in the length of the
// subject; there is no backtracking blow-up and no regular expression engine.
package glob

import (
	"strings"
	"unicode/utf8"
)

// Pattern is a compiled wildcard pattern. The zero value matches only the
// empty string. A Pattern is immutable and safe for concurrent use.
type Pattern struct {
	src      string
	fold     bool
	kind     kind
	literal  string // for kindLiteral, kindPrefix, kindSuffix
	hasQuery bool
}

type kind uint8

const (
	kindLiteral kind = iota // no wildcard
	kindAny                 // "*" alone
	kindPrefix              // "abc*"
	kindSuffix              // "*abc"
	kindGeneral
)

// Compile compiles a pattern. With fold, matching ignores case (Unicode
// simple folding); otherwise it is exact.
func Compile(pattern string, fold bool) Pattern {
	p := Pattern{src: pattern, fold: fold}
	if fold {
		p.src = strings.ToLower(pattern)
	}
	s := p.src
	stars := strings.Count(s, "*")
	p.hasQuery = strings.ContainsRune(s, '?')
	switch {
	case stars == 0 && !p.hasQuery:
		p.kind, p.literal = kindLiteral, s
	case s == "*":
		p.kind = kindAny
	case stars == 1 && !p.hasQuery && strings.HasSuffix(s, "*"):
		p.kind, p.literal = kindPrefix, s[:len(s)-1]
	case stars == 1 && !p.hasQuery && strings.HasPrefix(s, "*"):
		p.kind, p.literal = kindSuffix, s[1:]
	default:
		p.kind = kindGeneral
	}
	return p
}

// String returns the pattern as compiled (lower-cased when folding).
func (p Pattern) String() string { return p.src }

// IsLiteral reports whether the pattern holds no wildcard.
func (p Pattern) IsLiteral() bool { return p.kind == kindLiteral }

// MatchesAll reports whether the pattern is a lone "*".
func (p Pattern) MatchesAll() bool { return p.kind == kindAny }

// Match reports whether s matches the pattern.
func (p Pattern) Match(s string) bool {
	if p.fold {
		s = lower(s)
	}
	switch p.kind {
	case kindLiteral:
		return s == p.literal
	case kindAny:
		return true
	case kindPrefix:
		return strings.HasPrefix(s, p.literal)
	case kindSuffix:
		return strings.HasSuffix(s, p.literal)
	}
	return match(p.src, s)
}

// Match reports whether s matches pattern, case-sensitively.
func Match(pattern, s string) bool { return match(pattern, s) }

// MatchFold reports whether s matches pattern, ignoring case.
func MatchFold(pattern, s string) bool { return match(lower(pattern), lower(s)) }

// HasWildcard reports whether s holds `*` or `?`.
func HasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// lower lower-cases s without allocating when it is already lower-case ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// match is the classic iterative wildcard matcher: on a mismatch after a
// star it retries from the character after the last star's anchor. Each
// subject position is visited a bounded number of times per star, which keeps
// the worst case at O(len(p)*len(s)) and the usual case linear.
func match(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		if pi < len(p) {
			switch p[pi] {
			case '*':
				star, mark = pi, si
				pi++
				continue
			case '?':
				_, n := utf8.DecodeRuneInString(s[si:])
				pi++
				si += n
				continue
			default:
				if p[pi] == s[si] {
					pi++
					si++
					continue
				}
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
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
