#!/bin/sh
# The desktop package's postinst and postrm (.deb), and post and postun
# (.rpm): the desktop database learns (or forgets) that the window opens
# the app's URI scheme, x-scheme-handler/ID, from its desktop entry, so
# xdg-open and the desktops hand it the addresses at once. dpkg's trigger
# of desktop-file-utils does this too, where it is installed; rpm systems
# have no such trigger. Without update-desktop-database there is no
# database to update.
if command -v update-desktop-database >/dev/null 2>&1; then
	update-desktop-database -q /usr/share/applications || true
fi
exit 0
