package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// repairCommand rebuilds the keychain's account list when it is damaged,
// which stops every change: a dry run unless --apply. It exits 0 when
// nothing needed repairing or the list was written, 1 otherwise.
func repairCommand(fs *flag.FlagSet) run {
	apply := fs.Bool("apply", false, "write the repaired account list; without it, only say what would be written")
	var named []string
	fs.Func("account", "the `ID` of an account to look for, as \"status --json\" shows it (repeat for several)",
		func(id string) error { named = append(named, id); return nil })
	return func(ctx context.Context, env Env, a *app.App) int {
		r, err := a.Accounts.Repair(*apply, named)
		if err != nil {
			return fail(env, err)
		}
		printRepair(env.Stdout, r, named)
		if r.Needed && !r.Applied {
			return ExitFailure
		}
		return ExitOK
	}
}

// printRepair says what repair found, plain words first, then what it
// wrote or would write, and what it cannot know.
func printRepair(w io.Writer, r accounts.RepairReport, named []string) {
	switch {
	case r.Damage != nil:
		fmt.Fprintln(w, "The account list in the keychain is damaged, so no account can be added, refreshed or removed until it is rebuilt.")
		fmt.Fprintf(w, "What is wrong: %v\n", r.Damage)
	case r.Needed:
		fmt.Fprintln(w, "The account list in the keychain reads, but leaves out accounts you named that are stored.")
	default:
		fmt.Fprintln(w, "The account list in the keychain reads, and nothing needs repairing.")
	}
	if len(r.Found) > 0 {
		fmt.Fprintln(w, "\nAccounts looked for:")
	}
	for _, f := range r.Found {
		fmt.Fprintf(w, "  %s  %s (%s)\n", f.ID, f.State, f.Source)
		if f.Problem != nil {
			fmt.Fprintf(w, "                %v\n", f.Problem)
		}
	}
	if r.Unnamed > 0 {
		fmt.Fprintf(w, "  and %d other words in the damaged list, which name no stored account\n", r.Unnamed)
	}
	if r.Needed {
		list := "no accounts"
		switch len(r.Accounts) {
		case 0:
		case 1:
			list = "1 account: " + r.Accounts[0]
		default:
			list = fmt.Sprintf("%d accounts: %s", len(r.Accounts), strings.Join(r.Accounts, " "))
		}
		if r.Applied {
			fmt.Fprintf(w, "\nWrote a new account list of %s.\n", list)
		} else {
			again := "make-connect repair --apply"
			for _, id := range named {
				again += " --account " + id
			}
			fmt.Fprintf(w, "\nRepair would write a new account list of %s.\nNothing was changed; run %q to write it.\n", list, again)
		}
	}
	if r.Damage != nil {
		fmt.Fprint(w, "\nWhat repair cannot know: the keychain cannot list its entries, so an account the damaged\n"+
			"list no longer names is found only when you name it with --account ID. An account's ID is the\n"+
			"\"id\" that \"make-connect status --json\" shows on any computer where the same Make account is\n"+
			"connected. The entries of accounts not found stay in the keychain, untouched.\n")
	}
}
