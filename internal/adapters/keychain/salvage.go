package keychain

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// salvageIndex learns account IDs from a damaged account list, for Repair:
// from what can be read of its committed version, and from the previous
// and unfinished versions its head names. When the head itself does not
// parse, the generations it mentions are read until a chunk is missing.
// err is for a keychain that cannot be read.
func (s *Store) salvageIndex(ids *candidates) error {
	raw, err := s.get(indexName)
	if missing(err) {
		return nil
	}
	if err != nil {
		return err
	}
	type version struct {
		sp     *span
		source Source
		known  bool // sp.N is the number of chunks, not a bound
	}
	var versions []version
	if h, err := parseHead(indexName, raw); err == nil {
		versions = []version{{h.current(), InDamagedList, true}, {h.Pending, InOtherVersion, true}, {h.Prev, InOtherVersion, true}}
	} else {
		for _, gen := range headGens(raw) {
			versions = append(versions, version{&span{Gen: gen, N: maxChunks}, InDamagedList, false})
		}
	}
	for _, v := range versions {
		if v.sp == nil {
			continue
		}
		text, err := s.readLoose(indexName, v.sp, v.known)
		if err != nil {
			return err
		}
		learn(ids, v.source, text)
	}
	return nil
}

// readLoose concatenates the chunks of sp that can be read. Missing chunks
// of a known span are skipped; a span of unknown length ends at the first.
func (s *Store) readLoose(name string, sp *span, known bool) (string, error) {
	var b strings.Builder
	for i := range sp.N {
		c, err := s.get(chunkKey(name, sp.Gen, i))
		switch {
		case missing(err) && known:
			continue
		case missing(err):
			return b.String(), nil
		case err != nil:
			return "", err
		}
		if b.Len()+len(c) > maxRecord {
			break
		}
		b.WriteString(c)
	}
	return b.String(), nil
}

var (
	// quotedWord is a JSON string that could be an account ID.
	quotedWord = regexp.MustCompile(`"([0-9A-Za-z_-]{1,64})"`)
	// genField is a generation number in a head, parsed or not.
	genField = regexp.MustCompile(`"gen"\s*:\s*([0-9]{1,19})`)
)

// learn adds the account IDs in text, a version of the account list or
// what is left of one, to ids. A list that parses gives its IDs; from
// anything else every quoted word that could be an ID is tried.
func learn(ids *candidates, src Source, text string) {
	var ix index
	if json.Unmarshal([]byte(text), &ix) == nil {
		ids.add(src, ix.Accounts...)
		ids.add(src, ix.Pending...)
		return
	}
	for _, m := range quotedWord.FindAllStringSubmatch(text, -1) {
		if m[1] != "accounts" && m[1] != "pending" {
			ids.add(InDamagedList, m[1])
		}
	}
}

// headGens returns the generation numbers a damaged head mentions, at most
// eight, each once.
func headGens(raw string) []uint64 {
	var gens []uint64
	for _, m := range genField.FindAllStringSubmatch(raw, 8) {
		gen, err := strconv.ParseUint(m[1], 10, 64)
		if err == nil && gen > 0 && !slices.Contains(gens, gen) {
			gens = append(gens, gen)
		}
	}
	return gens
}

// ownHead reports whether raw, which parseHead refused, still claims to be
// the head of this app named name: one out of range, or written by a newer
// version. Repair lists such an account rather than lose it.
func ownHead(name, raw string) bool {
	var h struct {
		V    int    `json:"v"`
		Name string `json:"name"`
	}
	return json.Unmarshal([]byte(raw), &h) == nil && h.V >= 1 && h.Name == name
}
