package sanitize

import "testing"

func TestHide(t *testing.T) {
	verifier := "zyaG9fQm3xT0bV7nR2kW8sE5uY1iO4pA6dF9gH2jK7l"
	cases := []struct {
		name, in string
		secrets  []string
		want     string
	}{
		{"a secret as it is", "bad verifier " + verifier + " for code THE-CODE-123", []string{verifier, "THE-CODE-123"},
			"bad verifier [hidden] for code [hidden]"},
		{"a secret URL-encoded", "state=a%2Fb%2Bc%3D%3D not found", []string{"a/b+c=="}, "state=[hidden] not found"},
		{"a token nobody named", "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.sig expired", nil,
			"token eyJhbGciOiJSUzI1NiJ9.[hidden].sig expired"},
		{"words, a client ID and an address stay", "invalid_client: client 65a8b9c0d1e2f3a4b5c6d7e8 unknown at https://www.make.com/oauth/v2/token", nil,
			"invalid_client: client 65a8b9c0d1e2f3a4b5c6d7e8 unknown at https://www.make.com/oauth/v2/token"},
		{"a short secret is no secret", "code 12 missing", []string{"12", ""}, "code 12 missing"},
		{"hex of 32", "sid 0123456789abcdef0123456789abcdef.", nil, "sid [hidden]."},
	}
	for _, tc := range cases {
		if got := Hide(tc.in, tc.secrets...); got != tc.want {
			t.Errorf("%s: Hide = %q, want %q", tc.name, got, tc.want)
		}
	}
}
