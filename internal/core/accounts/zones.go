package accounts

import (
	"context"
	"slices"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
)

// scopeOrganizations lets the app list the account's organizations and
// their zones.
const scopeOrganizations = "organizations:read"

// locate lists the person's organizations and their zones, when
// organizations:read was granted: Make's API is per zone, and /users/me
// answers on several, so this list is what tells where the account's data
// is. When every organization is in one Make zone and the API base came
// from the zone setting, that zone becomes the account's API base. A
// failure leaves the configured zone, unchecked.
func (s *Service) locate(ctx context.Context, c *account.Connected) {
	if !slices.Contains(c.Scopes, scopeOrganizations) {
		return
	}
	orgs, err := s.api(c.APIBase).Organizations(ctx, c.AccessToken)
	if err != nil {
		return
	}
	c.ZonesChecked = true
	c.Organizations = orgs
	zones := Zones(c)
	if len(zones) != 1 || s.Config.APIBase != config.ZoneBase(s.Config.Zone) {
		return // several zones, or an API base set by hand: keep it
	}
	if _, known := config.NormalizeZone(zones[0]); known {
		c.APIBase = config.ZoneBase(zones[0])
	}
}

// Zones are the zones of c's organizations, each once, in order.
func Zones(c *account.Connected) []string {
	var zones []string
	for _, o := range c.Organizations {
		if o.Zone != "" && !slices.Contains(zones, o.Zone) {
			zones = append(zones, o.Zone)
		}
	}
	return zones
}

// ZoneProblem is what a person should know about where an account's data
// is, against the configured zone.
type ZoneProblem int

const (
	// ZoneFine: one of the account's organizations is in the configured
	// zone.
	ZoneFine ZoneProblem = iota
	// ZoneNotChecked: the account was not granted organizations:read, so
	// Make did not say where its organizations are.
	ZoneNotChecked
	// ZoneNoOrganization: Make lists no organization for the account.
	ZoneNoOrganization
	// ZoneElsewhere: the account's organizations are all in other zones.
	ZoneElsewhere
)

// CheckZone tells what is known of where c's data is against the
// configured zone; explain says it in words.
func CheckZone(c *account.Connected, configuredZone string) ZoneProblem {
	switch {
	case !c.ZonesChecked:
		return ZoneNotChecked
	case len(c.Organizations) == 0:
		return ZoneNoOrganization
	case slices.Contains(Zones(c), configuredZone):
		return ZoneFine
	}
	return ZoneElsewhere
}
