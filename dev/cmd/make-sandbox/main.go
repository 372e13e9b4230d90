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
	caFile := flag.String("ca-file", "", "with -tls, write the CA certificate (PEM) to this new `FILE` "+
		"(default: ca.pem in a private folder made in the temporary directory); removed on exit")
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
		caFile, remove, err := writeCA(caFile, srv.CA())
		if err != nil {
			srv.Close()
			return err
		}
		defer remove()
		fmt.Fprintf(os.Stderr, "CA certificate written to %s: trust it with MAKE_CONNECT_CA_FILE=%s\n", caFile, caFile)
	}
	fmt.Fprintf(os.Stderr, "Make sandbox listening; issuer %s\n", srv.Issuer())
	<-ctx.Done()
	return srv.Close()
}

// writeCA writes the CA certificate to a new file, never through one that
// is already there: the temporary directory is shared, and a fixed name in
// it is one another user can plant a link at (to a file of yours that this
// would overwrite) or a certificate of their own at (that you would then
// trust). With no file named it makes a private folder (0700) for ca.pem.
// remove takes away what writeCA made, for the sandbox's exit.
func writeCA(file string, pem []byte) (written string, remove func(), err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("write the CA certificate: %w", err)
		}
	}()
	if file == "" {
		dir, err := os.MkdirTemp("", "make-sandbox-")
		if err != nil {
			return "", nil, err
		}
		file, err = createCA(filepath.Join(dir, "ca.pem"), pem)
		if err != nil {
			os.RemoveAll(dir)
			return "", nil, err
		}
		return file, func() { os.RemoveAll(dir) }, nil
	}
	if file, err = createCA(file, pem); err != nil {
		return "", nil, err
	}
	return file, func() { os.Remove(file) }, nil
}

// createCA creates file and writes pem to it; O_EXCL refuses a file or a
// link (even a dangling one) already at that name.
func createCA(file string, pem []byte) (string, error) {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	_, err = f.Write(pem)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file)
		return "", err
	}
	return file, nil
}
