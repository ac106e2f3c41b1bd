package policydoc

import "testing"

func TestParseName(t *testing.T) {
	tests := []struct {
		in      string
		want    Name
		wantErr bool
	}{
		{in: "acs:ecs:cn-hangzhou:11223344:instance/i-abc", want: Name{Scheme: "acs", Service: "ecs", Region: "cn-hangzhou", Account: "11223344", Resource: "instance/i-abc"}},
		{in: "acs:ram::12345678:root", want: Name{Scheme: "acs", Service: "ram", Account: "12345678", Resource: "root"}},
		{in: "acs:mq:*:*:topic/inst/a:b", want: Name{Scheme: "acs", Service: "mq", Region: "*", Account: "*", Resource: "topic/inst/a:b"}},
		{in: "jrn:vm:cn-north-1:859150329790:instances/i-1", want: Name{Scheme: "jrn", Service: "vm", Region: "cn-north-1", Account: "859150329790", Resource: "instances/i-1"}},
		{in: "jrn:iam::859150329790:user/bob", want: Name{Scheme: "jrn", Service: "iam", Account: "859150329790", Resource: "user/bob"}},
		{in: "arn:aws:s3:::reports/2026/q1.csv", want: Name{Scheme: "arn", Partition: "aws", Service: "s3", Resource: "reports/2026/q1.csv"}},
		{in: "arn:aws:sns:us-east-1:111122223333:topic:sub", want: Name{Scheme: "arn", Partition: "aws", Service: "sns", Region: "us-east-1", Account: "111122223333", Resource: "topic:sub"}},
		{in: "arn:aws:iam::111122223333:role/path/R", want: Name{Scheme: "arn", Partition: "aws", Service: "iam", Account: "111122223333", Resource: "role/path/R"}},
		{in: "*", wantErr: true},
		{in: "acs:ecs:cn-hangzhou", wantErr: true},
		{in: "arn:aws:s3::", wantErr: true},
		{in: "arn::s3:::b", wantErr: true},
		{in: "acs::r:a:x", wantErr: true},
		{in: "acs:ecs:r:a:", wantErr: true},
		{in: "urn:x:y:z:w", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseName(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseName(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil {
			if got != tt.want {
				t.Errorf("ParseName(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("ParseName(%q).String() = %q", tt.in, got.String())
			}
		}
	}
}

func TestDialectDetection(t *testing.T) {
	for v, want := range map[string]Dialect{"1": ACS, "3": JDCloud, "2012-10-17": AWS, "2008-10-17": AWS} {
		if got, ok := DialectOfVersion(v); !ok || got != want {
			t.Errorf("DialectOfVersion(%q) = %v, %v", v, got, ok)
		}
	}
	if _, ok := DialectOfVersion("2"); ok {
		t.Error("DialectOfVersion(\"2\") should fail")
	}
	for s, want := range map[string]Dialect{"acs:ecs:*:*:*": ACS, "JDCloud:SourceIp": JDCloud, "jrn:vm:*:*:*": JDCloud, "aws:SourceIp": AWS, "arn:aws:s3:::b": AWS} {
		if got, ok := DialectOfName(s); !ok || got != want {
			t.Errorf("DialectOfName(%q) = %v, %v", s, got, ok)
		}
	}
}
