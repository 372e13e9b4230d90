; The Windows setup for Make Connect, built by packaging/windows.sh with
; makensis -DAPP_NAME=… -DAPP_ID=… -DVERSION=… -DPUBLISHER=… -DCOPYRIGHT=…
; -DWEBSITE=… -DGUI_EXE=… -DCONSOLE_EXE=… -DICON=… -DOUTFILE=…
; [-DSIGN="command that signs %1 in place"].
;
; It installs make-connect.exe (the window) and make-connect.com (the
; console companion for the subcommands) for the person running it, or for
; everyone (installmode.nsh); adds a Start-menu shortcut, puts the folder
; on PATH (path.nsh) and registers an uninstaller in Settings › Apps, which
; can also disconnect the person's Make accounts. The setup and the
; uninstaller close a running app first (closeapp.nsh).
;
;   setup.exe [/S] [/CurrentUser | /AllUsers] [/D=FOLDER]
;   Uninstall.exe [/S] [/Disconnect]
;
; /S: silent. /Disconnect: also disconnect and remove the accounts.
; (Uninstall.exe /S /Elevated _?=FOLDER is how the uninstaller starts
; itself elevated; installmode.nsh.)

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
; The two programs differ in a few bytes; a dictionary that holds the first
; makes the second almost free.
SetCompressorDictSize 64
; Per user by default: no administrator rights (installmode.nsh asks for
; them when someone installs for everyone).
RequestExecutionLevel user
ManifestSupportedOS {8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a} ; Windows 10 and 11
ManifestDPIAware true

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinMessages.nsh"
!include "x64.nsh"
!include "nsDialogs.nsh"
!include "WordFunc.nsh"

!define GUI_NAME "make-connect.exe"
!define CONSOLE_NAME "make-connect.com"
!define UNINSTALLER "Uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
; Empty, so that .onInit can tell whether /D= chose one.
InstallDir ""
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}"
VIFileVersion "${VERSION}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} setup"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${COPYRIGHT}"

; The uninstaller is written by the setup when it runs, so it can only be
; signed here, while makensis builds it.
!ifdef SIGN
!uninstfinalize '${SIGN}'
!endif

!include "installmode.nsh"
!include "closeapp.nsh"
!include "path.nsh"
!include "accounts.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

Page custom InstallModePage InstallModeLeave
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipDirectoryOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP_NAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION OpenApp
!insertmacro MUI_PAGE_FINISH

; The uninstaller's one choice: whether to disconnect the accounts too.
!define MUI_PAGE_HEADER_TEXT "Uninstall ${APP_NAME}"
!define MUI_PAGE_HEADER_SUBTEXT "Remove ${APP_NAME} from this computer."
!define MUI_PAGE_CUSTOMFUNCTION_PRE un.SkipComponentsWhenElevated
!define MUI_PAGE_CUSTOMFUNCTION_SHOW un.HideSpaceRequired
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_COMPONENTSPAGE_TEXT_TOP "${APP_NAME} will be removed from $INSTDIR. Your Make accounts stay connected in Windows Credential Manager unless you tick the box below."
!define MUI_COMPONENTSPAGE_TEXT_COMPLIST " "
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
	${IfNot} ${RunningX64}
		MessageBox MB_ICONSTOP "${APP_NAME} needs 64-bit Windows." /SD IDOK
		Abort
	${EndIf}
	Call InitInstallMode
FunctionEnd

Section "-Install"
	${If} $Upgrade != ""
	${AndIf} $Upgrade != $INSTDIR
		; /D= chose another folder than the install's: remove that one
		; first (its uninstaller closes the app), so one install remains.
		DetailPrint "Removing ${APP_NAME} from $Upgrade"
		ExecWait '"$Upgrade\${UNINSTALLER}" /S _?=$Upgrade'
		Delete "$Upgrade\${UNINSTALLER}"
		RMDir "$Upgrade"
	${EndIf}
	Call CloseApp
	SetOutPath "$INSTDIR"
	File "/oname=${GUI_NAME}" "${GUI_EXE}"
	File "/oname=${CONSOLE_NAME}" "${CONSOLE_EXE}"
	WriteUninstaller "$INSTDIR\${UNINSTALLER}"
	CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${GUI_NAME}" "" "" "" SW_SHOWNORMAL "" "${APP_NAME}"
	Call PathAdd

	; Settings › Apps, in HKCU or HKLM (SHCTX follows the mode).
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "URLInfoAbout" "${WEBSITE}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\${GUI_NAME}",0'
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
	WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
	WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
	${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
	WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; OpenApp, the finish page's "Open", starts the app as the person who ran
; the setup, never elevated: their Credential Manager must get the tokens.
; An elevated setup hands the start to Explorer, which runs it as the
; person signed in at the desktop.
Function OpenApp
	${If} $IsAdmin = 1
		Exec '"$WINDIR\explorer.exe" "$INSTDIR\${GUI_NAME}"'
	${Else}
		Exec '"$INSTDIR\${GUI_NAME}"'
	${EndIf}
FunctionEnd

; "Space required: 0.0 KB" means nothing when removing.
Function un.HideSpaceRequired
	FindWindow $0 "#32770" "" $HWNDPARENT
	GetDlgItem $1 $0 1023
	ShowWindow $1 ${SW_HIDE}
FunctionEnd

; The elevated uninstaller has nothing to choose: the person chose in theirs.
Function un.SkipComponentsWhenElevated
	${If} $Elevated = 1
		Abort
	${EndIf}
FunctionEnd

; Without administrator rights the files of an install for everyone cannot
; be opened for writing, which is how WaitForApp tells that a program still
; holds them; the elevated uninstaller waits for them instead.
Section "-un.Close"
	${If} $NeedsElevation = 1
		Call un.CloseWindow
	${Else}
		Call un.CloseApp
	${EndIf}
SectionEnd

; While make-connect.com is still there (accounts.nsh), and only as the
; person: in the uninstaller started elevated (/Elevated) the accounts in
; reach are the administrator's, so it never disconnects, whatever it is
; given; the person's uninstaller did before starting it.
Section /o "un.Also disconnect and remove my Make accounts" SecDisconnect
	${If} $Elevated = 1
		DetailPrint "Not disconnecting accounts with administrator rights"
		Return
	${EndIf}
	Call un.DisconnectAccounts
SectionEnd

Section "-un.Remove"
	${If} $NeedsElevation = 1
		Call un.RemoveElevated
		Return
	${EndIf}
	Call un.PathRemove
	Delete "$SMPROGRAMS\${APP_NAME}.lnk"
	Delete "$INSTDIR\${GUI_NAME}"
	Delete "$INSTDIR\${CONSOLE_NAME}"
	Delete "$INSTDIR\${UNINSTALLER}"
	RMDir "$INSTDIR"
	DeleteRegKey SHCTX "${UNINSTALL_KEY}"
	${If} $Elevated = 1
		Call un.DeleteSelfAfterExit
	${EndIf}
SectionEnd

; After the sections: it selects one.
Function un.onInit
	Call un.InitUninstallMode
	${GetParameters} $0
	ClearErrors
	${GetOptions} $0 "/Disconnect" $1
	${IfNot} ${Errors}
		SectionSetFlags ${SecDisconnect} ${SF_SELECTED}
	${EndIf}
FunctionEnd
