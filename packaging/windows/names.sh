# Sourced by windows.sh and check-windows.sh after lib.sh: what the
# Windows packages are called and the version they carry.

# WINDOWS_VERSION is FyneApp.toml's Version padded to three numbers, then
# its Build (0.1.0 and 1 give 0.1.0.1): Windows wants four numbers, and the
# same four show everywhere (file properties, manifest, Settings › Apps).
# The MSI's ProductVersion is these four too, but Windows Installer compares
# only the first three when it upgrades (windows/msi.sh says what follows).
WINDOWS_VERSION=$(awk -F. -v b="$APP_BUILD" '{ printf "%d.%d.%d.%d", $1, $2, $3, b }' <<<"$APP_VERSION")

# windows_names sets zip, setup and msi to the packages' paths in $DIST.
windows_names() {
	zip="$DIST/$EXE-$APP_VERSION-windows-amd64.zip"
	setup="$DIST/$EXE-$APP_VERSION-windows-amd64-setup.exe"
	msi="$DIST/$EXE-$APP_VERSION-windows-amd64.msi"
}
