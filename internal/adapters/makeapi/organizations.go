package makeapi

import (
	"context"
	"strconv"
	"strings"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// Organization is one of the person's Make organizations and the zone its
// data lives in.
type Organization struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Zone is one of config.Zones, or what Make named when this app does not know
	// it (then it is shown, never used as an API base).
	Zone string `json:"zone"`
}

// Organizations lists every organization the person belongs to, whatever
// zone is asked, with the zone of each (GET /organizations, scope
// organizations:read). The API is per zone but this list is not, so it is
// what tells where an account's data is; /users/me answers on several
// zones and cannot.
func (c Client) Organizations(ctx context.Context, accessToken string) ([]Organization, error) {
	var v struct {
		Organizations []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
			Zone string `json:"zone"`
		} `json:"organizations"`
	}
	const path = "/organizations?cols%5B%5D=id&cols%5B%5D=name&cols%5B%5D=zone&pg%5Blimit%5D=100"
	if err := c.get(ctx, "list the organizations", path, accessToken, &v); err != nil {
		return nil, err
	}
	orgs := make([]Organization, 0, len(v.Organizations))
	for _, o := range v.Organizations {
		zone, known := config.NormalizeZone(o.Zone)
		if !known {
			zone = sanitize.Text(strings.TrimSpace(o.Zone)) // shown, never used as an API base
		}
		name := sanitize.Text(o.Name)
		if name == "" {
			name = "organization " + strconv.FormatInt(o.ID, 10)
		}
		orgs = append(orgs, Organization{ID: o.ID, Name: name, Zone: zone})
	}
	return orgs, nil
}
