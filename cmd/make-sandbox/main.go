// Command make-sandbox runs the sandbox Make authorization server (package
// sandbox) until interrupted, for `make demo` and manual testing.
//
//	make-sandbox [-addr 127.0.0.1:8787] [-token-delay 0s] [-refresh-tokens] [-token-bytes N]
//	             [-tls [-ca-file FILE] [-host NAME]] [-clock-skew 0s]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/make-connect/make-connect/sandbox"
)

func main() {
	var opts sandbox.Options
	flag.StringVar(&opts.Addr, "addr", "127.0.0.1:8787", "listen address")
	flag.DurationVar(&opts.TokenDelay, "token-delay", 0, "hold every token-endpoint response back this long")
	flag.BoolVar(&opts.RefreshTokens, "refresh-tokens", false, "also issue (rotating) refresh tokens")
	flag.IntVar(&opts.TokenEntropy, "token-bytes", 0, "`N` random bytes in every token and code (default 32; larger for storage tests)")
	flag.BoolVar(&opts.TLS, "tls", false, "serve https with a certificate from a CA of the sandbox's own (see -ca-file)")
	caFile := flag.String("ca-file", filepath.Join(os.TempDir(), "make-sandbox-ca.pem"), "with -tls, write the CA certificate (PEM) here")
	flag.StringVar(&opts.Host, "host", "", "the host name in the issuer URL (and the certificate); default the listen address's IP")
	flag.DurationVar(&opts.ClockSkew, "clock-skew", 0, "set the Date header of every answer this far from the real time")
	orgZones := flag.String("org-zones", "eu1.make.com", "comma-separated zones of each user's organizations, e.g. us1.make.com,eu1")
	flag.BoolVar(&opts.RateLimited, "rate-limited", false, "answer every API call with 429, as over an organization's rate limit")
	flag.Parse()
	opts.OrganizationZones = strings.Split(*orgZones, ",")
	opts.Logf = log.New(os.Stderr, "", log.LstdFlags).Printf

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, opts, *caFile); err != nil {
		fmt.Fprintln(os.Stderr, "make-sandbox:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done.
func run(ctx context.Context, opts sandbox.Options, caFile string) error {
	srv, err := sandbox.Start(opts)
	if err != nil {
		return err
	}
	if opts.TLS {
		if err := os.WriteFile(caFile, srv.CA(), 0o644); err != nil {
			srv.Close()
			return err
		}
		fmt.Fprintf(os.Stderr, "CA certificate written to %s: trust it with MAKE_CONNECT_CA_FILE=%s\n", caFile, caFile)
	}
	fmt.Fprintf(os.Stderr, "Make sandbox listening; issuer %s\n", srv.Issuer())
	<-ctx.Done()
	return srv.Close()
}
