package keychain

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zalando/go-keyring"
)

func TestMemoryBackendLimits(t *testing.T) {
	// base64 grows in steps of four, so pick a user name for which some
	// secret makes the macOS command line exactly 4,096 bytes, the length
	// at which go-keyring reports success for a failed add (issue #153).
	user, macOK := "", 0
	for user == "" || macOSCommandLen(testService, user, strings.Repeat("x", macOK+1)) != 4096 {
		user += "u"
		macOK = 0
		for macOSCommandLen(testService, user, strings.Repeat("x", macOK+1)) < 4096 {
			macOK++
		}
	}
	cases := []struct {
		name   string
		limits Limits
		size   int
		err    error
		stored bool
	}{
		{"windows at limit", WindowsLimits, 2560, nil, true},
		{"windows over limit", WindowsLimits, 2561, keyring.ErrSetDataTooBig, false},
		{"macos under limit", MacOSLimits, macOK, nil, true},
		{"macos at limit loses it silently", MacOSLimits, macOK + 1, nil, false},
		{"macos over limit", MacOSLimits, macOK + 4, keyring.ErrSetDataTooBig, false},
		{"secret service", NoLimit, 200_000, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMemoryBackend(tc.limits)
			err := m.Set(testService, user, strings.Repeat("x", tc.size))
			if !errors.Is(err, tc.err) {
				t.Errorf("Set = %v, want %v", err, tc.err)
			}
			if _, err := m.Get(testService, user); (err == nil) != tc.stored {
				t.Errorf("stored = %v, want %v", err == nil, tc.stored)
			}
		})
	}
	if macOK < chunkSize || macOK > 3100 {
		t.Errorf("macOS limit %d bytes: chunks of %d would not fit", macOK, chunkSize)
	}
	t.Logf("macOS: secrets up to %d bytes fit", macOK)
}

func TestSplit(t *testing.T) {
	payload := []byte(strings.Repeat("aé€😀", 2000))
	chunks := split(payload)
	var joined string
	for _, c := range chunks {
		if len(c) > chunkSize || !utf8.ValidString(c) {
			t.Fatalf("chunk of %d bytes, valid UTF-8 %v", len(c), utf8.ValidString(c))
		}
		joined += c
	}
	if joined != string(payload) {
		t.Error("chunks do not add up to the payload")
	}
	if len(split(nil)) != 0 {
		t.Error("empty payload gives chunks")
	}
}
