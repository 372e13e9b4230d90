package doctor

import (
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// The zone line says where the zone and the API base each came from when
// they differ: the API base from MAKE_CONNECT_API_BASE is not "saved in
// Settings" because the zone was saved.
func TestZoneSaysEachSource(t *testing.T) {
	for _, tc := range []struct {
		name  string
		env   map[string]string
		saved config.Settings
		want  string
	}{
		{"the zone's own API", nil, config.Settings{config.EnvZone: "us1"},
			"us1.make.com, API https://us1.make.com/api/v2 (saved in Settings)"},
		{"an API base of its own", map[string]string{config.EnvAPIBase: "http://127.0.0.1:8787/api/v2"}, config.Settings{config.EnvZone: "us1"},
			"us1.make.com (saved in Settings), API http://127.0.0.1:8787/api/v2 (set by MAKE_CONNECT_API_BASE in the environment)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Load(nil, func(k string) string { return tc.env[k] }, tc.saved, config.Policy{})
			if err != nil {
				t.Fatal(err)
			}
			if got := zone(c); got != tc.want {
				t.Errorf("zone = %q\nwant %q", got, tc.want)
			}
		})
	}
}
