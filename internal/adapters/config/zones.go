package config

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Zones are Make's API zones (getting-started/api-structure). The OAuth
// server is global; the API, and an organization's data, live in one zone.
var Zones = []string{
	"eu1.make.com", "eu2.make.com", "us1.make.com", "us2.make.com",
	"eu1.make.celonis.com", "us1.make.celonis.com",
}

// DefaultZone is used when none is configured.
const DefaultZone = "eu1.make.com"

// ZoneBase is the API base of a zone: https://{zone}/api/v2.
func ZoneBase(zone string) string { return "https://" + zone + "/api/v2" }

// NormalizeZone turns a zone as Make writes it — "us2.make.com", or the
// short "eu1" some answers give — into one of Zones. ok is false for
// anything else.
func NormalizeZone(s string) (zone string, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if slices.Contains(Zones, s) {
		return s, true
	}
	if full := s + ".make.com"; !strings.Contains(s, ".") && slices.Contains(Zones, full) {
		return full, true
	}
	return "", false
}

// ParseZone reads a zone setting: one of Make's zones (short forms such as
// "eu1" included), or the full https URL of an API base for a host Make
// does not list (a private installation). It returns the zone's name as
// shown to people and its API base. The access token is sent to that base,
// so anything else is refused with the accepted values named.
func ParseZone(s string) (zone, apiBase string, err error) {
	if z, ok := NormalizeZone(s); ok {
		return z, ZoneBase(z), nil
	}
	if u, perr := url.Parse(strings.TrimSpace(s)); perr == nil && u.Scheme == "https" && u.Host != "" && u.User == nil &&
		u.RawQuery == "" && u.Fragment == "" {
		return u.Host, strings.TrimSuffix(u.String(), "/"), nil
	}
	return "", "", &ZoneError{Value: s}
}

// ZoneError is a zone setting that names neither one of Make's zones nor
// an https:// API base URL.
type ZoneError struct{ Value string }

func (e *ZoneError) Error() string {
	return fmt.Sprintf("the zone %q is not one of Make's zones (%s) nor an https:// API base URL such as https://eu1.make.com/api/v2", e.Value, strings.Join(Zones, ", "))
}
