package keychain

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// errAbsent means a record has no committed version.
var errAbsent = errors.New("no such record")

// writeRecord stores payload as the new version of the record named name,
// in the order the package doc describes: note the pending generation in
// the head, write its chunks, read them back, switch the head, delete the
// generation it replaced. A failure at any step leaves the head pointing at
// a complete version, and every chunk that may be left over is named in the
// head, so the next write of the record deletes it.
func (s *Store) writeRecord(name string, payload []byte) error {
	return s.writeRecordSeeing(name, payload, nil)
}

// writeRecordSeeing is writeRecord that first shows seen the head of the
// version it replaces (nil for a new or damaged record).
func (s *Store) writeRecordSeeing(name string, payload []byte, seen func(old *head)) error {
	old, err := s.readHead(name)
	if errors.Is(err, ErrCorrupt) {
		// Replace a damaged head. The chunks it named cannot be found;
		// they are never read without a head.
		old, err = nil, nil
	}
	if err != nil {
		return err
	}
	if seen != nil {
		seen(old)
	}
	if old != nil {
		if err := s.dropSpans(name, old.Prev, old.Pending); err != nil {
			return fmt.Errorf("clean up an earlier write: %w", err)
		}
	}

	chunks := split(payload)
	pending := &span{Gen: old.nextGen(), N: len(chunks)}
	intent := head{V: formatVersion, Name: name, Pending: pending}
	if old != nil {
		intent.Gen, intent.N, intent.Len, intent.SHA256 = old.Gen, old.N, old.Len, old.SHA256
	}
	if err := s.writeHead(&intent); err != nil {
		return fmt.Errorf("note the new version: %w", err)
	}
	sum := sha256.Sum256(payload)
	for i, c := range chunks {
		if err := s.set(chunkKey(name, pending.Gen, i), c); err != nil {
			s.abandon(name, pending, err)
			return fmt.Errorf("write part %d of %d: %w", i+1, len(chunks), err)
		}
	}
	if !s.writesKept() {
		if err := s.verify(name, pending, len(payload), sum); err != nil {
			s.abandon(name, pending, err)
			return fmt.Errorf("read back the new version: %w", err)
		}
	}

	final := head{V: formatVersion, Name: name, Gen: pending.Gen, N: pending.N,
		Len: len(payload), SHA256: hex.EncodeToString(sum[:]), Prev: old.current()}
	if err := s.writeHead(&final); err != nil {
		return fmt.Errorf("switch to the new version: %w", err)
	}
	// The new version is committed. Should this fail, the head still
	// names the old generation as Prev and the next write deletes it.
	s.afterCommit(func() { _ = s.dropSpans(name, final.Prev) })
	return nil
}

// afterCommit runs cleanup, the deletion of a version a write replaced:
// at once, or, while a write that hands its caller the result first runs
// (Replace: the browser waits for its page), once the caller has it,
// still under the store's lock.
func (s *Store) afterCommit(cleanup func()) {
	if s.deferred != nil {
		*s.deferred = append(*s.deferred, cleanup)
		return
	}
	cleanup()
}

// writesKept reports whether a write the backend says it did can be
// taken as done; otherwise every write is read back (go-keyring on macOS
// can report success for a write that did not happen, issue #153).
func (s *Store) writesKept() bool {
	k, ok := s.backend.(interface{ writesKept() bool })
	return ok && k.writesKept()
}

// abandon deletes the chunks of a write that failed, unless the keychain as
// a whole is gone (each call would wait for the timeout again). What stays
// is named by the head's Pending and goes with the next write.
func (s *Store) abandon(name string, pending *span, cause error) {
	if !fatal(cause) {
		_ = s.dropSpans(name, pending)
	}
}

// verify reads back a generation and checks it against what was written.
func (s *Store) verify(name string, sp *span, size int, sum [32]byte) error {
	payload, err := s.readSpan(name, sp, size)
	if errors.Is(err, ErrCorrupt) || err == nil && sha256.Sum256(payload) != sum {
		return errNotKept
	}
	return err
}

// readRecord returns the committed version of the record named name, and its
// head. It returns errAbsent when there is none and an error wrapping
// ErrCorrupt when the chunks do not add up to what the head promises.
func (s *Store) readRecord(name string) ([]byte, *head, error) {
	h, err := s.readHead(name)
	if err != nil {
		return nil, nil, err
	}
	if h.current() == nil {
		return nil, h, errAbsent
	}
	payload, err := s.readSpan(name, h.current(), h.Len)
	if err != nil {
		return nil, h, err
	}
	sum := sha256.Sum256(payload)
	if hex.EncodeToString(sum[:]) != h.SHA256 {
		return nil, h, fmt.Errorf("checksum mismatch: %w", ErrCorrupt)
	}
	return payload, h, nil
}

// readSpan concatenates the chunks of sp, which should come to size bytes.
func (s *Store) readSpan(name string, sp *span, size int) ([]byte, error) {
	var b strings.Builder
	b.Grow(size)
	for i := range sp.N {
		c, err := s.get(chunkKey(name, sp.Gen, i))
		if missing(err) {
			return nil, fmt.Errorf("part %d of %d is missing: %w", i+1, sp.N, ErrCorrupt)
		}
		if err != nil {
			return nil, err
		}
		if len(c) > chunkSize || b.Len()+len(c) > size {
			return nil, fmt.Errorf("part %d of %d is too long: %w", i+1, sp.N, ErrCorrupt)
		}
		b.WriteString(c)
	}
	if b.Len() != size {
		return nil, fmt.Errorf("parts add up to the wrong size: %w", ErrCorrupt)
	}
	return []byte(b.String()), nil
}

// removeRecord deletes every chunk the head of name knows of, then the head.
func (s *Store) removeRecord(name string) error {
	h, err := s.readHead(name)
	if errors.Is(err, ErrCorrupt) {
		return s.del(name)
	}
	if err != nil || h == nil {
		return err
	}
	if err := s.dropSpans(name, h.current(), h.Prev, h.Pending); err != nil {
		return err
	}
	return s.del(name)
}

// dropSpans deletes the chunks of the given generations, last chunk first:
// a deletion that stops half way leaves a prefix, still named by the head.
func (s *Store) dropSpans(name string, spans ...*span) error {
	for _, sp := range spans {
		if sp == nil {
			continue
		}
		for i := sp.N - 1; i >= 0; i-- {
			if err := s.del(chunkKey(name, sp.Gen, i)); err != nil {
				return err
			}
		}
	}
	return nil
}
