package diff

import (
	"context"
	"testing"
)

// benchRepo commits a generated organization and a change to it.
func benchRepo(b *testing.B, size int) (string, *genOrg) {
	b.Helper()
	g := generateOrg(b, 1)
	dir := newRepo(b, g.files)
	commitFiles(b, dir, g.change(b, size), "change")
	return dir, g
}

// benchmarkDiff loads both revisions straight from git and diffs them, as
// `rampart diff --base HEAD~1 --head HEAD` does: the target is under 10 s
// for 1,000 documents and 200 principals.
func benchmarkDiff(b *testing.B, size int) {
	dir, g := benchRepo(b, size)
	ctx := context.Background()
	var res *Result
	for b.Loop() {
		base, head := loadRev(b, dir, "HEAD~1"), loadRev(b, dir, "HEAD")
		var err error
		res, err = Compare(ctx, base, head, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	if len(res.Changes) == 0 {
		b.Fatal("no changes")
	}
	b.ReportMetric(float64(g.docs), "documents")
	b.ReportMetric(float64(len(g.users)+len(g.roles)), "users+roles")
	b.ReportMetric(float64(res.Stats.Principals), "principals")
	b.ReportMetric(float64(res.Stats.Evaluated), "evaluated")
	b.ReportMetric(float64(res.Stats.Questions), "questions")
	b.ReportMetric(float64(len(res.Changes)), "changes")
}

// BenchmarkDiffNarrow diffs a change of 25 identity policies: most
// principals are skipped.
func BenchmarkDiffNarrow(b *testing.B) { benchmarkDiff(b, changeNarrow) }

// BenchmarkDiff diffs a typical change: identity policies, one account's
// control policy, a trust policy and a bucket policy.
func BenchmarkDiff(b *testing.B) { benchmarkDiff(b, changeTypical) }

// BenchmarkDiffWide also changes the control policy every account shares.
func BenchmarkDiffWide(b *testing.B) { benchmarkDiff(b, changeWide) }
