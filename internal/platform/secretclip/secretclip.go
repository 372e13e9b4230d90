// Package secretclip puts a secret (an access token, a sign-in link) on
// the clipboard so that the system keeps no copy of it beyond the
// clipboard itself. On Windows the data carries the formats Windows and
// clipboard tools read for that: ExcludeClipboardContentFromMonitorProcessing
// (clipboard monitors and managers leave it alone),
// CanIncludeInClipboardHistory = 0 (Win+V's history does not keep it) and
// CanUploadToCloudClipboard = 0 (it is not synced to the person's other
// devices). Elsewhere Set returns ErrUnsupported and the caller uses its
// toolkit's clipboard: X11 and Wayland have no such marks that GLFW can
// set (KDE's x-kde-passwordManagerHint needs a MIME type of its own).
package secretclip

import "errors"

// ErrUnsupported means this system has no way to mark clipboard data as
// private: the caller puts the text on the clipboard its usual way.
var ErrUnsupported = errors.New("the clipboard cannot be told to keep this private here")
