; Disconnecting the person's Make accounts when they uninstall and tick
; "Also disconnect and remove my Make accounts" (or pass /Disconnect),
; included by installer.nsi. It runs the companion, as the app's own
; commands do it: each account's tokens are revoked at Make and removed
; from Credential Manager, whatever settings the person uses; with the last
; one the app's account list goes too, so Credential Manager holds nothing
; of the app's. Then what the app keeps about the accounts on this
; computer goes: %LOCALAPPDATA%\make-connect (the keychain's lock and
; change mark, the window's log, which names the accounts, and its notices)
; and Fyne's preferences for the app (the window's size), in
; %USERPROFILE%\AppData\Roaming\fyne\<app ID>, where Fyne keeps them on
; Windows. The settings (%APPDATA%\make-connect: client ID, zone and the
; like, which an administrator may have set) stay.
;
; "status --json" lists the accounts; the first one's ID is near the start
; of its output, within what nsExec hands back (1,024 characters), so one
; account at a time is disconnected until none is left. An account that
; comes back (it could not be removed) stops the loop. A disconnect that
; fails, or whose revocation Make did not confirm (make-connect disconnect
; exits 1: the account is removed here, its last token works until it
; expires), is said in a message box at the end, and in the exit code (3)
; when silent. Uses $0-$5.

Var Disconnect      ; 1: also disconnect the accounts
Var DisconnectTrouble ; what went wrong, for the message box, or ""
Var DisconnectAfter   ; what that means and what to do, for the message box

Function un.DisconnectAccounts
	StrCpy $4 ""
	StrCpy $DisconnectTrouble ""
	StrCpy $DisconnectAfter ""
	${Do}
		nsExec::ExecToStack '"$INSTDIR\${CONSOLE_NAME}" status --json'
		Pop $0
		Pop $1
		${If} $0 != 0
			${Log} "Cannot list the Make accounts (make-connect status exited with $0)"
			StrCpy $DisconnectTrouble "$DisconnectTrouble$\r$\n- The accounts could not be listed (make-connect status exited with $0)."
			StrCpy $DisconnectAfter "$DisconnectAfter$\r$\n$\r$\nAccounts that could not be listed or removed are still in Windows Credential Manager: install ${APP_NAME} again and disconnect them in it."
			${ExitDo}
		${EndIf}
		; The text after the first "id": " up to the next quote.
		ClearErrors
		${un.WordFind} $1 '"id": "' "E+1}" $2
		${If} ${Errors}
			${ExitDo} ; none left
		${EndIf}
		${un.WordFind} $2 '"' "+1{" $3
		${If} $3 == $4
			${Log} "Account $3 is still there after make-connect disconnect"
			StrCpy $DisconnectTrouble "$DisconnectTrouble$\r$\n- Account $3 could not be removed."
			StrCpy $DisconnectAfter "$DisconnectAfter$\r$\n$\r$\nAccounts that could not be listed or removed are still in Windows Credential Manager: install ${APP_NAME} again and disconnect them in it."
			${ExitDo}
		${EndIf}
		StrCpy $4 $3
		; Its output names the account and says whether Make confirmed
		; the revocation; never a token. On the details list and in the
		; log; its first line in the message box when it failed.
		nsExec::ExecToStack '"$INSTDIR\${CONSOLE_NAME}" disconnect --account $3'
		Pop $0
		Pop $1
		${Log} "make-connect disconnect --account $3 (exit code $0): $1"
		${If} $0 != 0
			${un.WordFind} $1 "$\n" "+1" $5
			StrCpy $DisconnectTrouble "$DisconnectTrouble$\r$\n- $5"
			StrCpy $DisconnectAfter "$\r$\n$\r$\nNothing on this computer can use such an account any more; at Make, its last token works until the time above."
		${EndIf}
	${Loop}
	; What the app keeps about the accounts, in the person's own folders
	; whatever the mode ($LOCALAPPDATA is ProgramData's in "all").
	SetShellVarContext current
	RMDir /r "$LOCALAPPDATA\make-connect"
	; The settings' lock, which disconnecting the default account takes
	; (config.UpdateSettings); the settings themselves stay, and their
	; folder with them unless it is empty.
	Delete "$APPDATA\make-connect\settings.json.lock"
	RMDir "$APPDATA\make-connect"
	RMDir /r "$PROFILE\AppData\Roaming\fyne\${APP_ID}"
	RMDir "$PROFILE\AppData\Roaming\fyne"
	${Log} "Removed $LOCALAPPDATA\make-connect and $PROFILE\AppData\Roaming\fyne\${APP_ID}"
	Call un.UseMode
	${If} $DisconnectTrouble != ""
		${Log} "Not every account was disconnected cleanly"
		MessageBox MB_ICONEXCLAMATION "Not every Make account was disconnected cleanly:$\r$\n$DisconnectTrouble$DisconnectAfter$\r$\n$\r$\n${APP_NAME} itself is removed all the same." /SD IDOK
		SetErrorLevel ${EXIT_ACCOUNTS}
	${EndIf}
FunctionEnd
