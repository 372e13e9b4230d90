package keychain

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets feed the decoders what a damaged keychain, another
// program or a newer app version could hold. Their seeds, in
// testdata/fuzz/<target>, are entries this package writes, and cut or
// altered copies of them; `go test` runs the seeds, and
//
//	go test -run '^$' -fuzz '^FuzzParseHead$' -fuzztime 60s ./keychain
//
// searches further.

// FuzzParseHead: a head that parses is in range, names itself, gives a next
// generation above every one it names, and reads back the same after it is
// written again. A refusal wraps ErrCorrupt and does not quote the entry.
func FuzzParseHead(f *testing.F) {
	f.Fuzz(func(t *testing.T, name, raw string) {
		h, err := parseHead(name, raw)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("refusal %v does not wrap ErrCorrupt", err)
			}
			if len(raw) >= 16 && strings.Contains(err.Error(), raw) {
				t.Fatalf("refusal quotes the entry: %v", err)
			}
			return
		}
		if h.Name != name || !spanValid(h.current()) || !spanValid(h.Prev) || !spanValid(h.Pending) {
			t.Fatalf("accepted head %+v out of range", h)
		}
		next := h.nextGen()
		for _, sp := range []*span{h.current(), h.Prev, h.Pending} {
			if sp != nil && next <= sp.Gen {
				t.Fatalf("next generation %d is not above %d", next, sp.Gen)
			}
		}
		again, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		h2, err := parseHead(name, string(again))
		if err != nil || !reflect.DeepEqual(h, h2) {
			t.Fatalf("head %+v reads back as %+v, %v", h, h2, err)
		}
	})
}

// FuzzReadRecord: whatever a head and its chunks hold, readRecord returns
// exactly the bytes the head promises, or an error wrapping ErrCorrupt that
// quotes none of the chunks; loading the record as an account never panics.
func FuzzReadRecord(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw, c0, c1, c2 string) {
		name := accountName(testConn(1, 0).ID())
		m := NewMemoryBackend(NoLimit)
		gen := uint64(1)
		if h, err := parseHead(name, raw); err == nil && h.Gen > 0 {
			gen = h.Gen
		}
		must(t, m.Set(testService, name, raw))
		for i, c := range []string{c0, c1, c2} {
			must(t, m.Set(testService, chunkKey(name, gen, i), c))
		}
		s := NewWithBackend(testService, m)
		payload, h, err := s.readRecord(name)
		switch {
		case err == nil:
			sum := sha256.Sum256(payload)
			if len(payload) != h.Len || hex.EncodeToString(sum[:]) != h.SHA256 {
				t.Fatalf("returned %d bytes the head does not promise", len(payload))
			}
		case !errors.Is(err, ErrCorrupt) && !errors.Is(err, errAbsent):
			t.Fatalf("readRecord = %v, want ErrCorrupt or errAbsent", err)
		default:
			for _, c := range []string{c0, c1, c2} {
				if len(c) >= 16 && strings.Contains(err.Error(), c) {
					t.Fatalf("error quotes a chunk: %v", err)
				}
			}
		}
		_, _ = s.load(testConn(1, 0).ID())
	})
}

// FuzzIndex: whatever the account list holds, reading it gives valid IDs
// or ErrCorrupt, and Repair --apply always leaves a list that reads as it
// reported, that every write accepts, and changes no entry but the list's
// own. raw, when it is
// not "", replaces the list's head, as a torn or foreign write would.
func FuzzIndex(f *testing.F) {
	f.Fuzz(func(t *testing.T, payload []byte, raw string) {
		m := NewMemoryBackend(NoLimit)
		s := NewWithBackend(testService, m)
		mustSave(t, s, testConn(1, 100), testConn(2, 100))
		if err := s.writeRecord(indexName, payload); err != nil {
			t.Fatal(err)
		}
		if raw != "" {
			must(t, m.Set(testService, indexName, raw))
		}
		if ix, _, err := s.readIndex(); err == nil {
			for _, id := range append(ix.Accounts, ix.Pending...) {
				if !validID(id) {
					t.Fatalf("the list gave the invalid ID %q", id)
				}
			}
		} else if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("readIndex = %v, want ErrCorrupt", err)
		}
		_, _, _ = s.List()
		before := values(m)
		r, err := s.Repair(true, []string{testConn(2, 0).ID()})
		if err != nil {
			t.Fatalf("Repair: %v", err)
		}
		if ix, _, err := s.readIndex(); err != nil || !slices.Equal(ix.Accounts, r.Accounts) {
			t.Fatalf("after Repair --apply (%+v) the list reads %+v, %v", r, ix, err)
		}
		for k, v := range before {
			if !strings.HasPrefix(k, indexName) && values(m)[k] != v {
				t.Fatalf("Repair changed %s", k)
			}
		}
		mustSave(t, s, testConn(3, 100))
	})
}

// FuzzSplit: chunks are never longer than chunkSize nor empty, add up to the
// payload, and are valid UTF-8 when the payload is.
func FuzzSplit(f *testing.F) {
	f.Fuzz(func(t *testing.T, payload []byte) {
		chunks := split(payload)
		var joined bytes.Buffer
		for _, c := range chunks {
			if len(c) == 0 || len(c) > chunkSize {
				t.Fatalf("chunk of %d bytes", len(c))
			}
			if utf8.Valid(payload) && !utf8.ValidString(c) {
				t.Fatalf("valid UTF-8 cut inside a character")
			}
			joined.WriteString(c)
		}
		if !bytes.Equal(joined.Bytes(), payload) {
			t.Fatal("chunks do not add up to the payload")
		}
	})
}
