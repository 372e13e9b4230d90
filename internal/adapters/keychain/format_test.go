package keychain

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
)

// fullConnection has every field set, so the golden record shows every
// stored name.
func fullConnection() *Account {
	return &Account{
		Connection: auth.Connection{
			Issuer:          "https://www.make.com",
			ClientID:        "make-connect",
			Subject:         "4242",
			AccessToken:     "at-golden",
			TokenType:       "Bearer",
			RefreshToken:    "rt-golden",
			Scopes:          []string{"openid", "user:read"},
			ScopesConfirmed: true,
			ObtainedAt:      time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
			ExpiresAt:       time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
		},
		Profile: makeapi.Profile{
			Name:          "Ada Lovelace",
			Email:         "ada@example.com",
			IdentityGap:   makeapi.IdentityNotTold,
			APIBase:       "https://eu1.make.com/api/v2",
			Organizations: []makeapi.Organization{{ID: 7, Name: "Analytical Engines", Zone: "eu1.make.com"}},
			ZonesChecked:  true,
		},
	}
}

// TestRecordsWrittenTodayStillLoad: the stored form of an account is the
// keychain's own, kept in testdata. A change to auth.Connection (a field
// renamed) must not change it, and what was written keeps loading.
//
// The record is read, never written: it stands for what people's keychains
// already hold, so no flag or tool rewrites it from today's encoder. A new
// format is a new file written by hand (account-record-v2.json) beside this
// one, which keeps loading.
func TestRecordsWrittenTodayStillLoad(t *testing.T) {
	golden := filepath.Join("testdata", "account-record-v1.json")
	c := fullConnection()
	payload, err := encode(c)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(payload)+"\n" != string(want) {
		t.Errorf("the stored form changed; records already saved would no longer load.\nnow:  %s\nkept: %s", payload, want)
	}
	got, err := decode(c.ID(), want)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("the kept record loads as\n%+v\nwant\n%+v", got, c)
	}
}

// TestIdentityNotesOfEarlierVersionsBecomeCodes: earlier versions kept a
// sentence about a missing name and email; it loads as the code it meant.
func TestIdentityNotesOfEarlierVersionsBecomeCodes(t *testing.T) {
	cases := []struct {
		record string
		want   makeapi.IdentityGap
	}{
		{`{"issuer":"https://www.make.com","subject":"1","access_token":"a","scopes":["openid"],` +
			`"identity_note":"Name and email need the user:read scope; showing the account's ID instead."}`, makeapi.IdentityNoScope},
		{`{"issuer":"https://www.make.com","subject":"1","access_token":"a","scopes":["openid","user:read"],` +
			`"identity_note":"Make did not say who this is (HTTP 500); showing the account's ID instead."}`, makeapi.IdentityNotTold},
		{`{"issuer":"https://www.make.com","subject":"1","access_token":"a","scopes":["openid","user:read"],"name":"Ada"}`, ""},
	}
	for _, tc := range cases {
		c, err := decode(auth.AccountID("https://www.make.com", "1"), []byte(tc.record))
		if err != nil {
			t.Fatal(err)
		}
		if c.IdentityGap != tc.want {
			t.Errorf("%s: gap %q, want %q", tc.record, c.IdentityGap, tc.want)
		}
	}
}
