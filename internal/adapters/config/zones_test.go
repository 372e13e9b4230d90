package config

import (
	"strings"
	"testing"
)

func TestParseZone(t *testing.T) {
	cases := []struct {
		in, zone, base string // base "" means refused
	}{
		{"eu1.make.com", "eu1.make.com", "https://eu1.make.com/api/v2"},
		{" US2.make.com ", "us2.make.com", "https://us2.make.com/api/v2"},
		{"eu1", "eu1.make.com", "https://eu1.make.com/api/v2"},
		{"us1.make.celonis.com", "us1.make.celonis.com", "https://us1.make.celonis.com/api/v2"},
		{"https://make.example.org/api/v2/", "make.example.org", "https://make.example.org/api/v2"},
		{"garbage", "", ""},
		{"eu1.make.com/../evil", "", ""},
		{"eu9.make.com", "", ""},
		{"http://eu1.make.com/api/v2", "", ""},
		{"https://user:pw@evil.example/api/v2", "", ""},
		{"https://evil.example/api/v2?x=1", "", ""},
		{"celonis", "", ""},
		{"", "", ""},
	}
	for _, tc := range cases {
		zone, base, err := ParseZone(tc.in)
		if tc.base == "" {
			if err == nil || !strings.Contains(err.Error(), "eu1.make.com, eu2.make.com") {
				t.Errorf("ParseZone(%q) = %q, %q, %v; want refused, naming the zones", tc.in, zone, base, err)
			}
			continue
		}
		if err != nil || zone != tc.zone || base != tc.base {
			t.Errorf("ParseZone(%q) = %q, %q, %v; want %q, %q", tc.in, zone, base, err, tc.zone, tc.base)
		}
	}
}
