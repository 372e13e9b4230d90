# The project's front door: every command a person or CI needs.
# Newcomers: `make demo` connects an account against the built-in sandbox,
# `make test` runs every test.

GO      ?= go
BIN     := bin
APP     := $(BIN)/make-connect
SANDBOX := $(BIN)/make-sandbox
PERSON  := $(BIN)/sandbox-person
LDFLAGS := -X github.com/make-connect/make-connect/config.BuiltInClientID=$(CLIENT_ID)

.PHONY: all deps build run demo test bench clean

all: build

## deps: install the Debian packages the build and tests need (only missing ones)
deps:
	bash .ci/deps

## build: the app, bin/make-connect
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(APP) .

$(SANDBOX): FORCE
	$(GO) build -o $@ ./cmd/make-sandbox
$(PERSON): FORCE
	$(GO) build -o $@ ./cmd/sandbox-person
FORCE:

## run: open the window (set MAKE_CONNECT_CLIENT_ID, or CLIENT_ID=… at build time)
run: build
	./$(APP)

## demo: the whole connect flow against the built-in sandbox, in your browser
demo: build $(SANDBOX)
	bash scripts/demo.sh

## test: vet plus every test, the keychain ones against a real Secret Service
test:
	$(GO) vet ./...
	bash .ci/with-secret-service $(GO) test -count=1 ./...

## bench: the benchmarks, against a real Secret Service
bench:
	bash .ci/with-secret-service $(GO) test -run '^$$' -bench . -benchtime 3x ./...

## clean: remove build output
clean:
	rm -rf $(BIN)

# Installers (package-linux, package-windows, package-darwin, check-windows).
-include packaging/packaging.mk
