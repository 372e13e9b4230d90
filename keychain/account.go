package keychain

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/make-connect/make-connect/auth"
)

// encode returns the stored form of c: its JSON.
func encode(c *auth.Connection) ([]byte, error) {
	if c == nil {
		return nil, errors.New("no connection")
	}
	if c.Issuer == "" || c.Subject == "" {
		return nil, errors.New("connection has no issuer or subject")
	}
	payload, err := json.Marshal(c)
	if err != nil {
		// Marshal errors name types and fields, never values.
		return nil, fmt.Errorf("encode: %w", err)
	}
	if len(payload) > maxRecord {
		return nil, fmt.Errorf("record of %d bytes is over the limit of %d", len(payload), maxRecord)
	}
	return payload, nil
}

// load reads and checks the account with the given ID.
func (s *Store) load(id string) (*auth.Connection, error) {
	payload, _, err := s.readRecord(accountName(id))
	if errors.Is(err, errAbsent) {
		return nil, fmt.Errorf("listed but not stored: %w", ErrCorrupt)
	}
	if err != nil {
		return nil, err
	}
	var c auth.Connection
	if err := json.Unmarshal(payload, &c); err != nil {
		// The decoder's message can quote the record; it holds tokens.
		return nil, fmt.Errorf("not a connection record: %w", ErrCorrupt)
	}
	if c.ID() != id {
		return nil, fmt.Errorf("record belongs to another account: %w", ErrCorrupt)
	}
	return &c, nil
}
