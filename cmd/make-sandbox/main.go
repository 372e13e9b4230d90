// Command make-sandbox runs the sandbox Make authorization server (package
// sandbox) until interrupted, for `make demo` and manual testing.
//
//	make-sandbox [-addr 127.0.0.1:8787] [-token-delay 0s] [-refresh-tokens] [-token-bytes N]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/make-connect/make-connect/sandbox"
)

func main() {
	var opts sandbox.Options
	flag.StringVar(&opts.Addr, "addr", "127.0.0.1:8787", "listen address")
	flag.DurationVar(&opts.TokenDelay, "token-delay", 0, "hold every token-endpoint response back this long")
	flag.BoolVar(&opts.RefreshTokens, "refresh-tokens", false, "also issue (rotating) refresh tokens")
	flag.IntVar(&opts.TokenEntropy, "token-bytes", 0, "`N` random bytes in every token and code (default 32; larger for storage tests)")
	flag.Parse()
	opts.Logf = log.New(os.Stderr, "", log.LstdFlags).Printf

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, opts); err != nil {
		fmt.Fprintln(os.Stderr, "make-sandbox:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done.
func run(ctx context.Context, opts sandbox.Options) error {
	srv, err := sandbox.Start(opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "Make sandbox listening; issuer %s\n", srv.Issuer())
	<-ctx.Done()
	return srv.Close()
}
