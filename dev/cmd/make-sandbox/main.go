// Command make-sandbox runs the sandbox Make authorization server (package
// sandbox) until interrupted, for `make demo`, the scripts and the app's
// tests (internal/testkit/sandbox starts it with a flag for each option
// they use).
//
//	make-sandbox [-addr 127.0.0.1:8787] [-token-delay 0s] [-refresh-tokens] [-token-bytes N]
//	             [-access-token-lifespan 1h] [-tamper-id-token] [-clock-skew 0s]
//	             [-tls [-ca-file FILE] [-host NAME]] [-org-zones Z,…] [-rate-limited]
//	             [-log FILE] [-secrets-file FILE]
//
// Once it listens it writes "… issuer URL" on stderr, a line scripts and
// tests read the address from.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/make-connect/make-connect/dev/sandbox"
)

func main() {
	var opts sandbox.Options
	flag.StringVar(&opts.Addr, "addr", "127.0.0.1:8787", "listen address")
	flag.DurationVar(&opts.TokenDelay, "token-delay", 0, "hold every token-endpoint response back this long")
	flag.BoolVar(&opts.RefreshTokens, "refresh-tokens", false, "also issue (rotating) refresh tokens")
	flag.IntVar(&opts.TokenEntropy, "token-bytes", 0, "`N` random bytes in every token and code (default 32; larger for storage tests)")
	flag.DurationVar(&opts.AccessTokenLifespan, "access-token-lifespan", 0, "how long access tokens live (default 1h)")
	flag.BoolVar(&opts.TamperIDToken, "tamper-id-token", false, "a fault: flip a byte of every id_token's signature")
	flag.BoolVar(&opts.TLS, "tls", false, "serve https with a certificate from a CA of the sandbox's own (see -ca-file)")
	caFile := flag.String("ca-file", filepath.Join(os.TempDir(), "make-sandbox-ca.pem"), "with -tls, write the CA certificate (PEM) here")
	flag.StringVar(&opts.Host, "host", "", "the host name in the issuer URL (and the certificate); default the listen address's IP")
	flag.DurationVar(&opts.ClockSkew, "clock-skew", 0, "set the Date header of every answer this far from the real time")
	orgZones := flag.String("org-zones", "eu1.make.com", "comma-separated zones of each user's organizations, e.g. us1.make.com,eu1")
	redirects := flag.String("redirect-uris", strings.Join(sandbox.DefaultRedirectURIs, ","),
		"comma-separated redirect URIs the client has besides the loopback ones (matched on any port): the app's scheme, an https page")
	flag.BoolVar(&opts.RateLimited, "rate-limited", false, "answer every API call with 429, as over an organization's rate limit")
	logFile := flag.String("log", "", "write the event lines to `FILE` instead of stderr, each as it happens")
	secretsFile := flag.String("secrets-file", "", "append every code, verifier and token the token endpoint sees or hands out to `FILE`, one a line, "+
		"before it answers: for tests that look for them in an app's output")
	flag.Parse()
	opts.OrganizationZones = []string{} // "": users in no organization
	opts.RedirectURIs = append([]string{}, strings.FieldsFunc(*redirects, func(r rune) bool { return r == ',' })...)
	if *orgZones != "" {
		opts.OrganizationZones = strings.Split(*orgZones, ",")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, opts, *caFile, *logFile, *secretsFile); err != nil {
		fmt.Fprintln(os.Stderr, "make-sandbox:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done.
func run(ctx context.Context, opts sandbox.Options, caFile, logFile, secretsFile string) error {
	var logTo io.Writer = os.Stderr
	if logFile != "" {
		f, err := os.OpenFile(logFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		logTo = f
	}
	opts.Logf = log.New(logTo, "", log.LstdFlags).Printf
	if secretsFile != "" {
		f, err := os.OpenFile(secretsFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		var mu sync.Mutex
		opts.Secrets = func(secret string) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintln(f, secret)
		}
	}
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
