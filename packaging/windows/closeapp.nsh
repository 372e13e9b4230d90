; Closing a running Make Connect before its files are replaced or removed,
; included by installer.nsi for the setup and the uninstaller.
;
; The window is asked to close, as its close button does (WM_CLOSE). A
; program that still holds the files after that (a command in a console,
; which has no window) is named, and the person asked to close it; a
; silent setup then fails (exit code 2) rather than kill a command someone
; is running. Uses $0-$2.

!define GLFW_WINDOW_CLASS "GLFW30" ; every Fyne window is a GLFW window

; FILE_IN_USE PATH sets $0 to PATH and returns when the file is there but
; cannot be opened for writing, as a running program's cannot.
!macro FILE_IN_USE path
	${If} ${FileExists} "${path}"
		ClearErrors
		FileOpen $2 "${path}" a
		${If} ${Errors}
			StrCpy $0 "${path}"
			Return
		${EndIf}
		FileClose $2
	${EndIf}
!macroend

!macro CLOSE_APP un
Function ${un}CloseApp
	Call ${un}CloseWindow
	Call ${un}WaitForApp
FunctionEnd

; CloseWindow asks the window to close, and waits until it has.
Function ${un}CloseWindow
	FindWindow $0 "${GLFW_WINDOW_CLASS}" "${APP_NAME}"
	${If} $0 <> 0
		MessageBox MB_OKCANCEL|MB_ICONINFORMATION "${APP_NAME} is open. It will be closed to continue." /SD IDOK IDOK close
		SetErrorLevel 2
		Quit
	close:
		${Log} "Closing ${APP_NAME}"
		StrCpy $1 0
		${Do}
			SendMessage $0 ${WM_CLOSE} 0 0 /TIMEOUT=1000
			Sleep 200
			FindWindow $0 "${GLFW_WINDOW_CLASS}" "${APP_NAME}"
			IntOp $1 $1 + 1
			${If} $0 = 0
			${OrIf} $1 >= 50
				${ExitDo}
			${EndIf}
		${Loop}
	${EndIf}
FunctionEnd

; WaitForApp returns when no program of the install holds its files. A
; program ends a moment after its window: wait until its files can be
; written, for 5 s, then ask. It needs the right to write them.
Function ${un}WaitForApp
	StrCpy $1 0
	${Do}
		Call ${un}AppFileInUse
		${If} $0 == ""
			${ExitDo}
		${EndIf}
		IntOp $1 $1 + 1
		${If} $1 < 25
			Sleep 200
			${Continue}
		${EndIf}
		${Log} "$0 is in use: ${APP_NAME} is still running"
		MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$0 is in use: ${APP_NAME} is still running, perhaps a command in a console window. Close it, then choose Retry." /SD IDCANCEL IDRETRY retry
		SetErrorLevel 2
		Quit
	retry:
		StrCpy $1 0
	${Loop}
FunctionEnd

; AppFileInUse sets $0 to a program file of the install that is in use, or "".
Function ${un}AppFileInUse
	!insertmacro FILE_IN_USE "$INSTDIR\${GUI_NAME}"
	!insertmacro FILE_IN_USE "$INSTDIR\${CONSOLE_NAME}"
	StrCpy $0 ""
FunctionEnd
!macroend
!insertmacro CLOSE_APP ""
!insertmacro CLOSE_APP "un."
