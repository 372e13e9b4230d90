; The app's private-use URI scheme (RFC 8252 §7.1), its ID, included by
; installer.nsi: RegisterScheme when installing, un.UnregisterScheme when
; uninstalling. Make (or the relay page, packaging/relay) sends the browser
; to ID:/callback?code=…; Windows then runs the window with the address,
; "make-connect.exe" "ID:/callback?…", which hands it to the sign-in that
; waits for it. In the mode's hive (SHCTX): HKCU\Software\Classes for the
; person, HKLM\Software\Classes for everyone; the MSI writes the same
; values in HKLM (make-connect.wxs). Per-user classes come first where
; both are.

!define SCHEME_KEY "Software\Classes\${APP_ID}"

Function RegisterScheme
	WriteRegStr SHCTX "${SCHEME_KEY}" "" "URL:${APP_NAME}"
	WriteRegStr SHCTX "${SCHEME_KEY}" "URL Protocol" ""
	WriteRegStr SHCTX "${SCHEME_KEY}\DefaultIcon" "" '"$INSTDIR\${GUI_NAME}",0'
	WriteRegStr SHCTX "${SCHEME_KEY}\shell\open\command" "" '"$INSTDIR\${GUI_NAME}" "%1"'
	${Log} "URI scheme ${APP_ID}: handled by $INSTDIR\${GUI_NAME} (${SCHEME_KEY}, $ModeText)"
FunctionEnd

Function un.UnregisterScheme
	DeleteRegKey SHCTX "${SCHEME_KEY}"
FunctionEnd
