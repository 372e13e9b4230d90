package cli

import (
	"context"
	"flag"

	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/doctor"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// doctorCommand checks what connecting needs here, one line per check.
// It exits 0 when nothing failed (warnings included), 1 otherwise.
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
		if r.Failed() {
			return ExitFailure
		}
		return ExitOK
	}
}
