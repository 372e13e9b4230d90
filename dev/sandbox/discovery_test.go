package sandbox

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestDiscovery checks the discovery document field by field.
func TestDiscovery(t *testing.T) {
	f := newFixture(t, Options{}, "openid")
	status, body := get(t, f.srv.Issuer()+pathDiscovery, "")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	iss := f.srv.Issuer()
	if !strings.HasPrefix(iss, "http://127.0.0.1:") || strings.HasSuffix(iss, "/") {
		t.Errorf("issuer %q is not http://127.0.0.1:PORT", iss)
	}
	cases := []struct {
		field string
		want  any
	}{
		{"issuer", iss},
		{"authorization_endpoint", iss + "/oauth/v2/authorize"},
		{"token_endpoint", iss + "/oauth/v2/token"},
		{"revocation_endpoint", iss + "/oauth/v2/revoke"},
		{"jwks_uri", iss + "/oauth/v2/oidc/jwks"},
		{"userinfo_endpoint", iss + "/oauth/v2/oidc/userinfo"},
		{"response_types_supported", []any{"code"}},
		{"id_token_signing_alg_values_supported", []any{"RS256"}},
		{"subject_types_supported", []any{"public"}},
		{"code_challenge_methods_supported", []any{"S256"}},
		{"grant_types_supported", []any{"authorization_code"}},
		{"token_endpoint_auth_methods_supported", []any{"none"}},
		{"authorization_response_iss_parameter_supported", true},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			if !reflect.DeepEqual(doc[c.field], c.want) {
				t.Errorf("%s = %v, want %v", c.field, doc[c.field], c.want)
			}
		})
	}
	t.Run("scopes_supported", func(t *testing.T) {
		var scopes []string
		for _, s := range doc["scopes_supported"].([]any) {
			scopes = append(scopes, s.(string))
		}
		for _, want := range []string{"openid", "user:read", "organizations:read", "scenarios:run", "team-variables:write"} {
			if !slices.Contains(scopes, want) {
				t.Errorf("scopes_supported lacks %q", want)
			}
		}
	})
}
