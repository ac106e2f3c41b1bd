package managed

import (
	"slices"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

func TestSuggest(t *testing.T) {
	tests := []struct {
		dialect policydoc.Dialect
		name    string
		want    []string
	}{
		// Case only.
		{policydoc.ACS, "AliyunEcsFullAccess", []string{"AliyunECSFullAccess"}},
		{policydoc.ACS, "aliyunstsassumeroleaccess", []string{"AliyunSTSAssumeRoleAccess"}},
		{policydoc.AWS, "readonlyaccess", []string{"ReadOnlyAccess"}},
		// Typos: a missing, a wrong, a swapped, an extra letter.
		{policydoc.ACS, "AliyunECSFulAccess", []string{"AliyunECSFullAccess"}},
		{policydoc.ACS, "AliyunECSFullAxcess", []string{"AliyunECSFullAccess"}},
		{policydoc.ACS, "AliyunECSFullAcecss", []string{"AliyunECSFullAccess"}},
		{policydoc.AWS, "AdminstratorAccess", []string{"AdministratorAccess"}},
		{policydoc.AWS, "AmazonS3FullAcces", []string{"AmazonS3FullAccess"}},
		{policydoc.AWS, "AWSLambdaFullAccess", []string{"AWSLambda_FullAccess"}},
		{policydoc.JDCloud, "JDCloudStsAdmn", []string{"JDCloudStsAdmin"}},
		{policydoc.JDCloud, "JDCloudAdminNew", []string{"JDCloudAdmin-New"}},
		// Fragments.
		{policydoc.ACS, "ECSFullAccess", []string{"AliyunECSFullAccess"}},
		{policydoc.ACS, "MQSubOnly", []string{"AliyunMQSubOnlyAccess"}},
		{policydoc.JDCloud, "StsAdmin", []string{"JDCloudStsAdmin"}},
		{policydoc.AWS, "S3FullAccess", []string{"AmazonS3FullAccess"}},
		// Surrounding space is ignored.
		{policydoc.ACS, "  AliyunEcsFullAccess ", []string{"AliyunECSFullAccess"}},
		// A different service is not a typo.
		{policydoc.ACS, "AliyunRDSFullAccess", nil},
		// Nothing alike, or nothing to correct.
		{policydoc.ACS, "zzzzzzzz", nil},
		{policydoc.ACS, "", nil},
		{policydoc.ACS, "AliyunECSFullAccess", nil},
		{policydoc.AWS, "AliyunECSFullAccess", nil},
		{policydoc.Dialect("gcp"), "AdministratorAccess", nil},
	}
	for _, tt := range tests {
		if got := Suggest(tt.dialect, tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("Suggest(%s, %q) = %q, want %q", tt.dialect, tt.name, got, tt.want)
		}
	}
}

func TestSuggestFragmentsShortestFirst(t *testing.T) {
	got := Suggest(policydoc.ACS, "ReadOnlyAccess")
	if len(got) == 0 || len(got) > maxSuggestions {
		t.Fatalf("Suggest(acs, ReadOnlyAccess) = %q, want 1 to %d names", got, maxSuggestions)
	}
	for i, name := range got {
		if _, ok := Lookup(policydoc.ACS, name); !ok {
			t.Errorf("suggested %q does not exist", name)
		}
		if i > 0 && len(got[i-1]) > len(name) {
			t.Errorf("%q comes before the shorter %q", got[i-1], name)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"access", "acces", 1},
		{"access", "acecss", 1}, // one swap
		{"ab", "ba", 1},
		{"ca", "abc", 3},
		{"数据库", "数据", 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := distance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := distance([]rune(tt.b), []rune(tt.a)); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestRewritesWord(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"aliyunrdsfullaccess", "aliyunecsfullaccess", true},
		{"aliyunrdsfullaccess", "aliyunramfullaccess", true},
		{"aliyunossfullaccess", "aliyunotsfullaccess", false}, // one letter
		{"aliyunecsfulaccess", "aliyunecsfullaccess", false},  // one missing
		{"aliyunecsfullacecss", "aliyunecsfullaccess", false}, // a swap
		{"same", "same", false},
	}
	for _, tt := range tests {
		if got := rewritesWord([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("rewritesWord(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
