// Command sandbox-person stands in for a web browser in end-to-end tests.
// Given the sandbox's authorization URL it reads the consent page, presses
// Allow (or Deny), visits the redirect target — the app's loopback
// callback — and prints that page's status line to stderr. It exits 0 when
// the final page answered 200 OK. It can serve as $BROWSER, because
// xdg-open runs `$BROWSER URL`:
//
//	sandbox-person [-email ada@example.com] [-deny] [-print-redirect] URL
//
// With -print-redirect it presses Allow (or Deny) and prints where the
// server sends the browser, the app's callback address, on stdout without
// visiting it: what a person copies from the address bar of a browser on
// another computer, to paste into "make-connect connect".
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/make-connect/make-connect/internal/testkit/person"
)

func main() {
	email := flag.String("email", "", "sign in as this built-in user (default: the preselected one)")
	deny := flag.Bool("deny", false, "press Deny instead of Allow")
	timeout := flag.Duration("timeout", 30*time.Second, "give up after this long")
	printRedirect := flag.Bool("print-redirect", false, "print the callback address instead of visiting it")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: sandbox-person [-email E] [-deny] [-print-redirect] URL")
		os.Exit(2)
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	person := person.Person{Email: *email}
	if *printRedirect {
		target, err := person.Consent(ctx, flag.Arg(0), !*deny)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sandbox-person:", err)
			os.Exit(1)
		}
		fmt.Println(target)
		return
	}
	visit := person.Approve
	if *deny {
		visit = person.Deny
	}
	status, _, err := visit(ctx, flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sandbox-person:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "sandbox-person: %d %s\n", status, http.StatusText(status))
	if status != http.StatusOK {
		os.Exit(1)
	}
}
