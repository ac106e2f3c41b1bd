package glob

import (
	"regexp"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		fold, want bool
	}{
		{"*", "", false, true},
		{"*", "anything", false, true},
		{"", "", false, true},
		{"", "a", false, false},
		{"ecs:*", "ecs:StopInstance", false, true},
		{"ecs:*", "oss:GetObject", false, false},
		{"ecs:Describe*", "ecs:DescribeInstances", false, true},
		{"ecs:describe*", "ecs:DescribeInstances", false, false},
		{"ecs:describe*", "ecs:DescribeInstances", true, true},
		{"*:ListTagResources", "ecs:ListTagResources", false, true},
		{"s3:Get?bject", "s3:GetObject", false, true},
		{"s3:Get?bject", "s3:Getbject", false, false},
		{"bucket/*/test/*", "bucket/1/2/test/x", false, true},
		{"bucket/*/test/*", "bucket/1/2/tes/x", false, false},
		{"a*b*c", "abc", false, true},
		{"a*b*c", "aXbYc", false, true},
		{"a*b*c", "aXbY", false, false},
		{"*a", "bbba", false, true},
		{"*a", "bbbab", false, false},
		{"??", "日本", false, true},
		{"?", "日本", false, false},
		{"a**b", "ab", false, true},
		{"StringEquals", "stringequals", true, true},
	}
	for _, tt := range tests {
		p := Compile(tt.pattern, tt.fold)
		if got := p.Match(tt.s); got != tt.want {
			t.Errorf("Compile(%q, %v).Match(%q) = %v, want %v", tt.pattern, tt.fold, tt.s, got, tt.want)
		}
		var got bool
		if tt.fold {
			got = MatchFold(tt.pattern, tt.s)
		} else {
			got = Match(tt.pattern, tt.s)
		}
		if got != tt.want {
			t.Errorf("Match(%q, %q) fold=%v = %v, want %v", tt.pattern, tt.s, tt.fold, got, tt.want)
		}
	}
}

// reference is a deliberately naive matcher: the pattern becomes an anchored
// regular expression with every other character quoted.
func reference(pattern, s string) bool {
	var b strings.Builder
	b.WriteString(`^(?s:`)
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`)$`)
	return regexp.MustCompile(b.String()).MatchString(s)
}

func FuzzMatch(f *testing.F) {
	seeds := [][2]string{
		{"*", ""}, {"a*b?c", "aXXbYc"}, {"ecs:*", "ecs:StopInstance"},
		{"*/*", "a/b"}, {"??*", "日本語"}, {"a*", "a"}, {"*a*a*a*", "aaaa"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 64 || len(s) > 256 {
			return
		}
		if !validUTF8(pattern) || !validUTF8(s) {
			return
		}
		want := reference(pattern, s)
		if got := Compile(pattern, false).Match(s); got != want {
			t.Fatalf("Match(%q, %q) = %v, reference says %v", pattern, s, got, want)
		}
		if got, want := Compile(pattern, true).Match(s), reference(strings.ToLower(pattern), strings.ToLower(s)); got != want {
			t.Fatalf("fold Match(%q, %q) = %v, reference says %v", pattern, s, got, want)
		}
	})
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func BenchmarkMatch(b *testing.B) {
	p := Compile("arn:aws:s3:::reports-*/2026/*/q?.csv", false)
	s := "arn:aws:s3:::reports-finance/2026/march/q1.csv"
	for b.Loop() {
		if !p.Match(s) {
			b.Fatal("no match")
		}
	}
}
