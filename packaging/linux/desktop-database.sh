#!/bin/sh
# The desktop .rpm's post and postun scripts: the desktop database learns
# (or forgets) that the window opens the app's URI scheme,
# x-scheme-handler/ID, from its desktop entry, so xdg-open and the desktops
# hand it the addresses at once. (Where desktop-file-utils has a file
# trigger, it does the same; the .deb leaves it to dpkg's trigger of
# desktop-file-utils.) Without update-desktop-database there is no
# database to update.
if command -v update-desktop-database >/dev/null 2>&1; then
	update-desktop-database -q /usr/share/applications || true
fi
exit 0
