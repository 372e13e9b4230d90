# Installers, included by the top Makefile: it reuses GO, BIN, LDFLAGS (so
# CLIENT_ID=… builds a client ID in, as for `make build`) and DEPS. The
# scripts are in packaging/; README.md, "Installers", says what each target
# makes.

# The fyne CLI, pinned, installed into bin/tools on first use.
FYNE_VERSION := v1.7.4
FYNE         := $(CURDIR)/$(BIN)/tools/fyne
FYNE_STAMP   := $(BIN)/tools/.fyne-$(FYNE_VERSION)
DIST         := dist

# What the packaging scripts read from the environment.
PKG_ENV = GO="$(GO)" BIN="$(BIN)" DIST="$(DIST)" FYNE="$(FYNE)" \
	LDFLAGS="$(LDFLAGS)" CLIENT_ID="$(CLIENT_ID)"

.PHONY: icons deps-packaging package-linux package-cli package-windows package-darwin release \
	check-linux-contents check-linux check-windows bench-size clean-packaging

$(FYNE_STAMP):
	GOBIN=$(CURDIR)/$(BIN)/tools $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_VERSION)
	touch $@

## icons: render assets/icon.svg into the committed PNGs and icon.ico
icons:
	bash packaging/render-icon.sh

## deps-packaging: install the Debian packages the installers need
deps-packaging:
	$(DEPS) linux windows

## package-linux: the desktop packages: dist/make-connect-VERSION-linux-ARCH.tar.xz,
## make-connect_VERSION_ARCH.deb and make-connect-VERSION.ARCH.rpm (the window)
package-linux: $(FYNE_STAMP)
	$(DEPS) build linux
	$(PKG_ENV) bash packaging/linux.sh

## package-cli: the command-line build (static, no window) for linux, darwin and
## windows on amd64 and arm64: dist/make-connect-cli-VERSION-OS-ARCH.tar.gz (.zip),
## and make-connect-cli_VERSION_ARCH.deb and .rpm for Linux
package-cli:
	$(DEPS) linux
	$(PKG_ENV) bash packaging/cli.sh

## release: every installer this machine can build, with dist/SHA256SUMS
release: package-cli package-linux package-windows

## package-windows: the app (window and console companion, zipped), its NSIS
## setup and its MSI (per machine, with the Group Policy template), cross-built;
## SIGN_PFX/SIGN_PASS or SIGN_CERT/SIGN_KEY sign them
package-windows:
	$(DEPS) windows
	$(PKG_ENV) bash packaging/windows.sh

## package-darwin: dist/make-connect-VERSION-macos-ARCH.zip, a zipped .app (on macOS only)
package-darwin:
	@bash packaging/darwin.sh --check-host
	@$(MAKE) --no-print-directory $(FYNE_STAMP)
	$(PKG_ENV) bash packaging/darwin.sh

## check-linux-contents: build the Linux packages (desktop and command line) and
## check what is in them, without installing anything (part of make test)
check-linux-contents: package-linux package-cli
	$(PKG_ENV) bash packaging/check-linux-contents.sh

## check-linux: check-linux-contents; then install both .debs, run them, remove
## them and check nothing is left; then run the command-line build in an empty
## root file system against the sandbox, with the kernel keyring, and the arm64
## one under qemu; then as a service account (nobody, HOME=/nonexistent), with
## the quota nearly used, the keyring cleared and keyctl refused (needs root
## or sudo; CI runs it)
check-linux: check-linux-contents
	$(DEPS) check-linux
	$(PKG_ENV) bash packaging/check-linux-install.sh
	$(PKG_ENV) bash packaging/check-linux-headless.sh
	$(PKG_ENV) bash packaging/check-linux-server.sh

## check-windows: build the Windows packages, check their resources, then run
## them under Wine: the commands, a connect, Credential Manager, the setup
## and the uninstaller, the MSI's install, upgrades and removal (in a
## throwaway Wine prefix)
check-windows: package-windows
	$(PKG_ENV) bash packaging/check-windows.sh

## bench-size: the release binary against a hello-world Fyne app (fails above 1.3×)
bench-size: $(FYNE_STAMP)
	$(DEPS) build
	$(PKG_ENV) bash packaging/bench-size.sh

## clean-packaging: remove the installers and the packaging's build files
clean-packaging:
	rm -rf $(DIST) build/packaging
