package format

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// largeDocument writes a document of n statements, keys out of order.
func largeDocument(n int, yaml bool) string {
	var b strings.Builder
	if yaml {
		b.WriteString("Statement:\n")
		for i := range n {
			fmt.Fprintf(&b, "  # statement %d\n  - Resource: [\"acs:ecs:*:1234567890123456:instance/i-%d\"]\n    Action: [ecs:StartInstance, ecs:StopInstance]\n    Effect: Allow\n    Sid: S%d\n    Condition: {IpAddress: {acs:SourceIp: [203.0.113.0/24]}}\n", i, i, i)
		}
		b.WriteString("Version: \"1\"\n")
		return b.String()
	}
	b.WriteString(`{"Statement":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Resource":["acs:ecs:*:1234567890123456:instance/i-%d"],"Action":["ecs:StartInstance","ecs:StopInstance"],"Effect":"Allow","Sid":"S%d","Condition":{"IpAddress":{"acs:SourceIp":["203.0.113.0/24"]}}}`, i, i)
	}
	b.WriteString(`],"Version":"1"}`)
	return b.String()
}

func BenchmarkDocument(b *testing.B) {
	for _, yaml := range []bool{false, true} {
		name, format := "json", policydoc.JSON
		if yaml {
			name, format = "yaml", policydoc.YAML
		}
		src := []byte(largeDocument(1000, yaml))
		b.Run(name, func(b *testing.B) {
			doc, err := policydoc.Parse("p."+name, src, format, policydoc.DefaultLimits)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Document(doc, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
