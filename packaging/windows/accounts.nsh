; Disconnecting the person's Make accounts when they uninstall and tick
; "Also disconnect and remove my Make accounts" (or pass /Disconnect),
; included by installer.nsi. It runs the companion, as the app's own
; commands do it: each account's tokens are revoked at Make and removed
; from Credential Manager, whatever settings the person uses.
;
; "status --json" lists the accounts; the first one's ID is near the start
; of its output, within what nsExec hands back (1,024 characters), so one
; account at a time is disconnected until none is left. An account that
; comes back (it could not be removed) stops the loop. Uses $0-$4.

Function un.DisconnectAccounts
	StrCpy $4 ""
	${Do}
		nsExec::ExecToStack '"$INSTDIR\${CONSOLE_NAME}" status --json'
		Pop $0
		Pop $1
		${If} $0 != 0
			DetailPrint "Cannot list the Make accounts (make-connect status exited with $0)"
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
			DetailPrint "Account $3 is still there after make-connect disconnect"
			${ExitDo}
		${EndIf}
		StrCpy $4 $3
		; Its output, on the details list, names the account and says
		; whether Make confirmed the revocation; never a token.
		nsExec::ExecToLog '"$INSTDIR\${CONSOLE_NAME}" disconnect --account $3'
		Pop $0
	${Loop}
FunctionEnd
