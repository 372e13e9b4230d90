package cli

import (
	"context"
	"flag"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/doctor"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// doctorCommand checks what connecting needs here, one line per check,
// also under a configuration that did not load: its problems are the
// first lines. It exits 0 when nothing failed (warnings included), 2 when
// a setting cannot work (a usage error, as for every command), 1
// otherwise.
func doctorCommand(fs *flag.FlagSet) run {
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	return func(ctx context.Context, env Env, a *app.App) int {
		r := explain.Doctor(a.Doctor(ctx, env.Getenv))
		if *asJSON {
			printJSON(env.Stdout, struct {
				doctor.Report
				OK bool `json:"ok"`
			}{r, !r.Failed()})
		} else {
			r.WriteText(env.Stdout)
		}
		if len(a.Problems()) > 0 {
			return loadExit(config.Problems(a.Problems()))
		}
		if r.Failed() {
			return ExitFailure
		}
		return ExitOK
	}
}
