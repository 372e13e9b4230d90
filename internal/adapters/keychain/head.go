package keychain

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// formatVersion is the version of the on-keychain layout written here.
const formatVersion = 1

// errNotKept means the keychain said a write succeeded but does not hold it,
// as go-keyring on macOS can (go-keyring issue #153).
var errNotKept = errors.New("the keychain did not keep what was written")

// A span is one generation of a record's chunks: keys chunkKey(name, Gen, 0)
// to chunkKey(name, Gen, N-1).
type span struct {
	Gen uint64 `json:"gen"`
	N   int    `json:"n"`
}

// A head is the small entry that says which chunks make up a record. It is
// switched in one Set, so a record changes from one complete version to the
// next. It holds no secret.
type head struct {
	V    int    `json:"v"`
	Name string `json:"name"` // its own key, so a head copied elsewhere is caught
	// Gen, N, Len and SHA256 describe the committed version; Gen 0 means
	// nothing is committed yet.
	Gen    uint64 `json:"gen,omitempty"`
	N      int    `json:"n,omitempty"`
	Len    int    `json:"len,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	// Prev is the generation the last switch replaced, and Pending the one a
	// write is putting down. Their chunks may still exist after a failure;
	// the next write of this record deletes them.
	Prev    *span `json:"prev,omitempty"`
	Pending *span `json:"pending,omitempty"`
}

// current is the committed generation, or nil.
func (h *head) current() *span {
	if h == nil || h.Gen == 0 {
		return nil
	}
	return &span{Gen: h.Gen, N: h.N}
}

// nextGen is a generation no chunk of this record is known under.
func (h *head) nextGen() uint64 {
	if h == nil {
		return 1
	}
	gen := h.Gen
	for _, sp := range []*span{h.Prev, h.Pending} {
		if sp != nil {
			gen = max(gen, sp.Gen)
		}
	}
	return gen + 1
}

// readHead returns the head stored under name, nil when there is none, or
// an error wrapping ErrCorrupt when the entry is not a head of ours.
func (s *Store) readHead(name string) (*head, error) {
	raw, err := s.get(name)
	if missing(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseHead(name, raw)
}

func parseHead(name, raw string) (*head, error) {
	var h head
	if err := json.Unmarshal([]byte(raw), &h); err != nil || h.V == 0 {
		return nil, fmt.Errorf("not a record head: %w", ErrCorrupt)
	}
	if h.V > formatVersion {
		return nil, fmt.Errorf("written in format v%d by a newer version of the app: %w", h.V, ErrCorrupt)
	}
	if h.Name != name {
		return nil, fmt.Errorf("head belongs to another entry: %w", ErrCorrupt)
	}
	sum, err := hex.DecodeString(h.SHA256)
	valid := spanValid(h.current()) && spanValid(h.Prev) && spanValid(h.Pending) &&
		h.Len >= 0 && h.Len <= maxRecord &&
		(h.Gen == 0 || err == nil && len(sum) == 32)
	if !valid {
		return nil, fmt.Errorf("head out of range: %w", ErrCorrupt)
	}
	return &h, nil
}

// maxGen bounds the generations a head may name: far above what the app's
// own writes reach, and low enough that nextGen never wraps around to 0,
// which means "nothing committed" (a write after a head naming generation
// 2^64-1 made the index read as empty), and that JSON readers using
// doubles read it exactly.
const maxGen = 1 << 53

func spanValid(sp *span) bool {
	return sp == nil || sp.Gen > 0 && sp.Gen <= maxGen && sp.N >= 0 && sp.N <= maxChunks
}

// writeHead switches name to h and reads it back: a Set that returned nil
// without storing (go-keyring issue #153) must not pass for a switch.
func (s *Store) writeHead(h *head) error {
	raw, err := json.Marshal(h)
	if err != nil {
		return err
	}
	// A head goes a second before its parts (lifetime.go).
	until := s.until
	if !until.IsZero() {
		until = until.Add(-time.Second)
	}
	if err := s.setUntil(h.Name, string(raw), until); err != nil {
		return err
	}
	if s.writesKept() {
		return nil
	}
	back, err := s.get(h.Name)
	if missing(err) || err == nil && back != string(raw) {
		return fmt.Errorf("read back %s: %w", h.Name, errNotKept)
	}
	return err
}
