; A log of what the setup and the uninstaller did, for a deployment that
; runs them silently: /LOG=C:\path\setup.log. Included by installer.nsi.
;
; Debian's makensis is built without NSIS_CONFIG_LOG (makensis -HDRINFO), so
; there is no LogSet: ${Log} "text" shows text on the details list, as
; DetailPrint does, and when /LOG= was given also appends it to that file,
; as a line of UTF-16 text (Notepad, PowerShell's Get-Content and CMTrace
; read it) after a header with the date and time. The file is opened when
; first written to, appended to, and closed when the program ends or hands
; over to another (an elevated setup writes to the same file); its folder
; is made if missing. It never
; holds a token: the steps only, and what the app's commands print about
; the accounts (their names, never a secret).

Var LogPath   ; the /LOG= file, or ""
Var LogHandle ; open while writing, else ""

!macro LOG text
	Push `${text}`
	!ifdef __UNINSTALL__
		Call un.LogLine
	!else
		Call LogLine
	!endif
!macroend
!define Log "!insertmacro LOG"

!macro LOG_SHARED un what
; LogInit reads /LOG= from the command line and, when given, writes the
; header: the program, its version, the date and time, its parameters.
Function ${un}LogInit
	Push $0
	Push $1
	Push $2
	Push $3
	Push $4
	Push $5
	Push $6
	Push $7
	StrCpy $LogHandle ""
	${GetParameters} $0
	ClearErrors
	${GetOptions} $0 "/LOG=" $LogPath
	${If} ${Errors}
		StrCpy $LogPath ""
	${Else}
		${GetTime} "" "L" $1 $2 $3 $4 $5 $6 $7
		Push "$3-$2-$1 $5:$6:$7 ${APP_NAME} ${VERSION} ${what}: $EXEPATH $0"
		Call ${un}LogLine
	${EndIf}
	Pop $7
	Pop $6
	Pop $5
	Pop $4
	Pop $3
	Pop $2
	Pop $1
	Pop $0
FunctionEnd

; LogLine shows the line on the stack on the details list and appends it to
; the log, if there is one.
Function ${un}LogLine
	Exch $R9
	DetailPrint $R9
	${If} $LogPath != ""
		${If} $LogHandle == ""
			${GetParent} $LogPath $R8
			${If} $R8 != ""
				CreateDirectory $R8
			${EndIf}
			ClearErrors
			FileOpen $LogHandle $LogPath a
			${If} ${Errors}
				StrCpy $LogHandle ""
				StrCpy $LogPath ""
				DetailPrint "Cannot write the log"
			${Else}
				; A new file starts with the byte order mark.
				FileSeek $LogHandle 0 END $R8
				${If} $R8 = 0
					FileWriteUTF16LE /BOM $LogHandle ""
				${EndIf}
			${EndIf}
		${EndIf}
		${If} $LogHandle != ""
			FileWriteUTF16LE $LogHandle "$R9$\r$\n"
		${EndIf}
	${EndIf}
	Pop $R9
FunctionEnd

; LogClose closes the log, so that another program can write to it.
Function ${un}LogClose
	${If} $LogHandle != ""
		FileClose $LogHandle
		StrCpy $LogHandle ""
	${EndIf}
FunctionEnd
!macroend
!insertmacro LOG_SHARED "" setup
!insertmacro LOG_SHARED "un." uninstaller
