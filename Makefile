# The project's front door: every command a person or CI needs (`make help`
# lists them). Newcomers: `make demo` connects an account against the
# built-in sandbox, `make test` runs every test; each installs what is
# missing first.

GO      ?= go
BIN     := bin
APP     := $(BIN)/make-connect
SANDBOX := $(BIN)/make-sandbox
PERSON  := $(BIN)/sandbox-person
LDFLAGS := -X github.com/make-connect/make-connect/internal/adapters/config.BuiltInClientID=$(CLIENT_ID)

# The app and the dev module (dev/) are each built from their own go.mod,
# as `go install …@latest` builds the app: no go.work, wherever one lies.
export GOWORK := off

# Every build, test and package is made with Go 1.27.3: Go 1.26.8's
# standard library has known vulnerabilities reachable from what ships
# (make vulncheck). The go command fetches that toolchain from the Go
# module proxy on first use; go.mod still says the language version, so
# "go install …@latest" works with Go 1.26 too (without those fixes).
export GOTOOLCHAIN := go1.27.3

# $(DEPS) GROUP…: install the missing Debian packages of those groups
# (.ci/deps lists them, and says what it installs and why); quiet and
# quick when nothing is missing, so the targets below run it first.
DEPS := @bash .ci/deps

# The Go tests keep the caches they make (the keychain's lock files,
# Fyne's font index, staticcheck's) in build/test-cache, not in ~/.cache;
# Go's own build cache stays where it is.
TEST_CACHE = GOCACHE="$$($(GO) env GOCACHE)" XDG_CACHE_HOME="$(CURDIR)/build/test-cache"

# staticcheck, pinned; go run builds it in Go's module cache, outside the
# app's module graph.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all help deps build build-cli run demo test vulncheck bench fuzz notices clean

all: build

## help: list the targets and what each does
help:
	@awk '/^## [a-z][a-z0-9-]*: / { name = $$2; sub(/:$$/, "", name); sub(/^## [^:]*: /, ""); \
		printf "  %-21s %s\n", name, $$0; more = 1; next } \
	/^## / && more { sub(/^## /, ""); printf "  %-21s %s\n", "", $$0; next } \
	{ more = 0 }' $(MAKEFILE_LIST)

## deps: install the Debian packages that build, demo and test need, only
## the missing ones (those targets do it themselves first)
deps:
	$(DEPS) build demo test linux

## build: the app, bin/make-connect (the window and the commands)
build:
	$(DEPS) build
	$(GO) build -ldflags "$(LDFLAGS)" -o $(APP) .

## build-cli: the command-line build alone, bin/make-connect-cli: no window,
## no cgo, static on Linux (package-cli builds it for every platform)
build-cli:
	CGO_ENABLED=0 $(GO) build -tags headless -ldflags "$(LDFLAGS)" -o $(APP)-cli .

# The dev tools (the sandbox, the scripted person, notices, winget and the
# end-to-end tests) are a module of their own, dev/, so that the app's
# module lists only what ships; they are built with dev/go.mod.
$(SANDBOX): FORCE
	$(GO) build -C dev -o $(CURDIR)/$@ ./cmd/make-sandbox
$(PERSON): FORCE
	$(GO) build -C dev -o $(CURDIR)/$@ ./cmd/sandbox-person
FORCE:

## run: open the window (set MAKE_CONNECT_CLIENT_ID, or CLIENT_ID=… at build time)
run: build
	./$(APP)

## demo: the whole connect flow against the built-in sandbox, in your browser
demo: build $(SANDBOX)
	$(DEPS) demo
	bash scripts/demo.sh

## test: vet, staticcheck, every Go test with the race detector, of the
## app and of the dev module (dev/: the sandbox, the tools, the end-to-end
## tests; keychain ones against a private Secret Service; the browser's
## pages in headless Chromium, screenshots in build/screenshots), the real
## window under Xvfb, and the Linux packages built and their contents
## checked; writes only in the checkout and temporary directories
test:
	$(DEPS) build test linux
	$(GO) vet ./...
	$(GO) vet -C dev ./...
	$(TEST_CACHE) $(GO) run $(STATICCHECK) ./...
	cd dev && $(TEST_CACHE) $(GO) run $(STATICCHECK) ./...
	MAKE_TEST_CHROMIUM=1 MAKE_TEST_XVFB=1 $(TEST_CACHE) bash .ci/with-secret-service $(GO) test -race -count=1 ./...
	cd dev && $(TEST_CACHE) bash ../.ci/with-secret-service $(GO) test -race -count=1 ./...
	bash scripts/ui-e2e.sh
	$(MAKE) --no-print-directory check-linux-contents

## vulncheck: fail on any known vulnerability reachable from the shipped
## binaries (the window and the command line, for Linux, Windows and macOS):
## govulncheck, pinned, against a database built once into build/vulndb
## from the golang.org/x/vulndb module; prints the database's date
vulncheck:
	$(DEPS) build vulncheck
	bash scripts/vulncheck.sh

## bench: the Go benchmarks (50 accounts from the keychain, a token call,
## the browser's callback to its page, the window's slowest UI update), the
## window against hello-world (start-up, memory, idle CPU) and the release
## binary's size against hello-world (each runs even when one before it
## misses its target; bench fails at the end)
bench:
	$(DEPS) build test
	@failed=; \
	$(TEST_CACHE) bash .ci/with-secret-service $(GO) test -run '^$$' -bench . -benchtime 3x ./... || failed="$$failed go"; \
	(cd dev && $(TEST_CACHE) bash ../.ci/with-secret-service $(GO) test -run '^$$' -bench . -benchtime 3x ./...) || failed="$$failed dev"; \
	bash scripts/bench-window.sh || failed="$$failed window"; \
	$(MAKE) --no-print-directory bench-size || failed="$$failed size"; \
	if [ -n "$$failed" ]; then echo "make bench: missed a target:$$failed" >&2; exit 1; fi

## fuzz: run every fuzz target for FUZZTIME each (default 60s; make test
## runs their committed seeds); a finding is kept in the package's testdata.
## FUZZMINIMIZE caps the time spent shrinking each new input: at Go's 60 s a
## target of large inputs (keychain's FuzzSplit) spends its whole run
## shrinking them, 339 runs in 5 minutes instead of thousands a second
FUZZTIME ?= 60s
FUZZMINIMIZE ?= 5s
fuzz:
	$(DEPS) build test
	@for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "make fuzz: $$target in $$pkg for $(FUZZTIME)"; \
			$(TEST_CACHE) $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg || exit 1; \
		done; \
	done

## notices: write assets/THIRD-PARTY-NOTICES.txt, the licences of every
## module the programs are built from (after a dependency changes; make
## test says when)
notices:
	$(GO) run -C dev ./cmd/notices -root $(CURDIR) -o $(CURDIR)/assets/THIRD-PARTY-NOTICES.txt

## clean: remove build output
clean:
	rm -rf $(BIN) build dist

# Installers (package-*, check-linux*, check-windows, bench-size).
-include packaging/packaging.mk
