; The Windows setup for Make Connect, built by packaging/windows.sh with
; makensis -DAPP_NAME=… -DAPP_ID=… -DVERSION=… -DPUBLISHER=… -DCOPYRIGHT=…
; -DWEBSITE=… -DHELP=… -DGUI_EXE=… -DCONSOLE_EXE=… -DICON=… -DOUTFILE=…
; -DMSI_UPGRADE_CODE={…} (the MSI's, windows/msi.sh)
; [-DLICENSE=licence.txt] [-DWIZARD_BITMAP=164x314.bmp]
; [-DSIGN="command that signs %1 in place"].
;
; It installs make-connect.exe (the window) and make-connect.com (the
; console companion for the subcommands) for the person running it, or for
; everyone (installmode.nsh); adds a Start-menu shortcut, puts the folder
; on PATH (path.nsh), registers the app's URI scheme (scheme.nsh) and an
; uninstaller in Settings › Apps, which
; can also disconnect the person's Make accounts. The setup and the
; uninstaller close a running app first (closeapp.nsh). One install at a
; time: "Only for me" removes an install for everyone first; "For
; everyone" stops while there is an install for the person (never run with
; administrator rights) or the MSI's (installmode.nsh). A newer install is
; never replaced by an older one without /AllowDowngrade.
;
;   setup.exe [/S] [/CurrentUser | /AllUsers] [/AllowDowngrade] [/LOG=FILE] [/KEY=value…] [/D=FOLDER]
;   Uninstall.exe [/S] [/Disconnect] [/LOG=FILE]
;
; /S: silent. /Disconnect: also disconnect and remove the accounts. /LOG=:
; write what was done to FILE (log.nsh). /KEY=value: a preset of the
; managed policy, for everyone (presets.nsh: /CLIENTID=…, /MAXACCOUNTS=…,
; the MSI's properties). (Uninstall.exe /S /Elevated
; _?=FOLDER is how the uninstaller starts itself elevated; installmode.nsh.)
;
; Exit codes of the setup: 0 installed; 1 cancelled; 2 not installed: the
; app is still running, or administrator rights were refused; 3 not
; installed: a newer version is installed (/AllowDowngrade); 4 not
; installed: Windows is older than Windows 10, or 32-bit; 5 not installed:
; the install of the other kind could not be removed, or is one for the
; person that this setup, for everyone or elevated, leaves to them; 6 not
; installed for everyone: the MSI is installed; 7 not installed: presets
; (/KEY=value) for the person, or a number that is not one; 8 not
; installed: Windows gave the setup it started for administrator rights
; none. A setup that asks for the rights ends with the exit code of the
; elevated copy it started (Elevate). Of the uninstaller:
; 0 removed; 2 not removed (as the setup's 2); 3 removed, but an account
; could not be disconnected, or Make did not confirm that its tokens were
; revoked (they were removed from this computer).

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
!include "WinVer.nsh"

!define GUI_NAME "make-connect.exe"
!define CONSOLE_NAME "make-connect.com"
!define UNINSTALLER "Uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; The exit codes above.
!define EXIT_BUSY 2
!define EXIT_NEWER 3
!define EXIT_OLD_WINDOWS 4
!define EXIT_OTHER_INSTALL 5
!define EXIT_MSI 6
!define EXIT_PRESET 7
!define EXIT_NO_RIGHTS 8
; The detection rule (docs/admin.md): one value, the installed version, the
; same name in every release, in HKLM or HKCU (SHCTX), as the MSI's.
!define DETECTION_KEY "Software\MakeConnect"
!ifndef MSI_UPGRADE_CODE
!error "MSI_UPGRADE_CODE is not defined: the setup finds the MSI's install by it (windows/msi.sh)"
!endif
!define EXIT_ACCOUNTS 3

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

!include "log.nsh"
!include "installmode.nsh"
!include "closeapp.nsh"
!include "path.nsh"
!include "scheme.nsh" ; the app's URI scheme (issue #30)
!include "accounts.nsh"
!include "presets.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_CUSTOMFUNCTION_ABORT LogCancel
; The app's own artwork on the finish page (windows.sh renders it from the
; icon when ImageMagick is there; NSIS's own otherwise).
!ifdef WIZARD_BITMAP
!define MUI_WELCOMEFINISHPAGE_BITMAP "${WIZARD_BITMAP}"
!endif

; The licence: LICENSE, then the third-party notices (windows.sh joins them).
!ifdef LICENSE
!insertmacro MUI_PAGE_LICENSE "${LICENSE}"
!endif
Page custom InstallModePage InstallModeLeave
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipDirectoryOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP_NAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION OpenApp
!insertmacro MUI_PAGE_FINISH

; The uninstaller's one choice, a tick box: whether to disconnect the
; accounts too (accounts.nsh).
UninstPage custom un.OptionsPage un.OptionsLeave
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
	Call LogInit
	; Go 1.26 programs need Windows 10 (ProcessPrng, bcryptprimitives.dll):
	; on an earlier Windows the app would die as it starts.
	${IfNot} ${AtLeastWin10}
	${OrIfNot} ${RunningX64}
		${Log} "Not installed: ${APP_NAME} needs 64-bit Windows 10 or later"
		MessageBox MB_ICONSTOP "${APP_NAME} needs Windows 10 or later, 64-bit. It cannot be installed on this computer." /SD IDOK
		Call LogClose
		SetErrorLevel ${EXIT_OLD_WINDOWS}
		Quit
	${EndIf}
	Call InitInstallMode
FunctionEnd

Function .onInstSuccess
	${Log} "Installed ${APP_NAME} ${VERSION} in $INSTDIR"
	Call LogClose
FunctionEnd

Function .onInstFailed
	${Log} "Not installed"
	Call LogClose
FunctionEnd

Function LogCancel
	${Log} "Cancelled"
	Call LogClose
FunctionEnd

Section "-Install"
	Call CheckPresets
	${If} $Installed != ""
		${Log} "${APP_NAME} $Installed is installed in $Upgrade ($ModeText): replacing it with ${VERSION} in $INSTDIR"
	${Else}
		${Log} "Installing ${APP_NAME} ${VERSION} $ModeText in $INSTDIR"
	${EndIf}
	${If} $Upgrade != ""
	${AndIf} $Upgrade != $INSTDIR
		; Not an install for the person with administrator rights.
		Call CheckMoveRights
	${EndIf}
	; One install at a time: the other kind's first (installmode.nsh).
	Call RemoveOtherInstall
	${If} $Upgrade != ""
	${AndIf} $Upgrade != $INSTDIR
		; /D= chose another folder than the install's: remove that one
		; first (its uninstaller closes the app), so one install remains.
		${Log} "Removing ${APP_NAME} from $Upgrade"
		ExecWait '"$Upgrade\${UNINSTALLER}" /S _?=$Upgrade'
		Delete "$Upgrade\${UNINSTALLER}"
		RMDir "$Upgrade"
	${EndIf}
	Call CloseApp
	SetOutPath "$INSTDIR"
	File "/oname=${GUI_NAME}" "${GUI_EXE}"
	File "/oname=${CONSOLE_NAME}" "${CONSOLE_EXE}"
	; The Group Policy templates, when the build has them (makensis works in
	; this folder: the paths are relative to it); an administrator
	; copies them into PolicyDefinitions.
	!if /FileExists "policy/MakeConnect.admx"
	!if /FileExists "policy/en-US/MakeConnect.adml"
	SetOutPath "$INSTDIR\policy"
	File "policy/MakeConnect.admx"
	SetOutPath "$INSTDIR\policy\en-US"
	File "policy/en-US/MakeConnect.adml"
	SetOutPath "$INSTDIR"
	!endif
	!endif
	WriteUninstaller "$INSTDIR\${UNINSTALLER}"
	${Log} "Copied ${GUI_NAME}, ${CONSOLE_NAME} and ${UNINSTALLER} to $INSTDIR"
	CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${GUI_NAME}" "" "" "" SW_SHOWNORMAL "" "${APP_NAME}"
	${Log} "Start-menu shortcut: $SMPROGRAMS\${APP_NAME}.lnk"
	Call PathAdd
	Call RegisterScheme

	; Settings › Apps, in HKCU or HKLM (SHCTX follows the mode).
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "URLInfoAbout" "${WEBSITE}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "HelpLink" "${HELP}"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\${GUI_NAME}",0'
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
	WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
	WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
	WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
	${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
	WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0
	${Log} "Settings › Apps entry: ${UNINSTALL_KEY} ($ModeText)"
	WriteRegStr SHCTX "${DETECTION_KEY}" "Version" "${VERSION}"
	${Log} "Detection value: ${DETECTION_KEY}\Version = ${VERSION} ($ModeText)"
	Call WritePresets
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
Section "-un.Disconnect"
	${If} $Disconnect != 1
		Return
	${EndIf}
	${If} $Elevated = 1
		${Log} "Not disconnecting accounts with administrator rights"
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
	Call un.UnregisterScheme
	Delete "$SMPROGRAMS\${APP_NAME}.lnk"
	Delete "$INSTDIR\${GUI_NAME}"
	Delete "$INSTDIR\${CONSOLE_NAME}"
	Delete "$INSTDIR\policy\en-US\MakeConnect.adml"
	RMDir "$INSTDIR\policy\en-US"
	Delete "$INSTDIR\policy\MakeConnect.admx"
	RMDir "$INSTDIR\policy"
	Delete "$INSTDIR\${UNINSTALLER}"
	RMDir "$INSTDIR"
	DeleteRegKey SHCTX "${UNINSTALL_KEY}"
	DeleteRegValue SHCTX "${DETECTION_KEY}" "Version"
	${If} $AllUsers = 1
		Call un.RemovePresets
	${EndIf}
	DeleteRegKey /ifempty SHCTX "${DETECTION_KEY}"
	${Log} "Removed ${APP_NAME} from $INSTDIR, its shortcut, its Settings › Apps entry and its detection value"
	${If} $Elevated = 1
		Call un.DeleteSelfAfterExit
	${EndIf}
SectionEnd

Function un.onInit
	Call un.LogInit
	Call un.InitUninstallMode
	StrCpy $Disconnect 0
	${GetParameters} $0
	ClearErrors
	${GetOptions} $0 "/Disconnect" $1
	${IfNot} ${Errors}
		StrCpy $Disconnect 1
	${EndIf}
FunctionEnd

Function un.onUninstSuccess
	${Log} "Uninstalled"
	Call un.LogClose
FunctionEnd

Function un.onUninstFailed
	${Log} "Not uninstalled"
	Call un.LogClose
FunctionEnd

Var CheckDisconnect

; The uninstaller's page: where from, and the tick box. The elevated
; uninstaller has nothing to choose: the person chose in theirs.
Function un.OptionsPage
	${If} $Elevated = 1
		Abort
	${EndIf}
	!insertmacro MUI_HEADER_TEXT "Uninstall ${APP_NAME}" "Remove ${APP_NAME} from this computer."
	nsDialogs::Create 1018
	Pop $0
	${NSD_CreateLabel} 0 0 100% 30u "${APP_NAME} will be removed from $INSTDIR. Your Make accounts stay connected in Windows Credential Manager unless you tick the box below."
	Pop $0
	${NSD_CreateCheckbox} 0 36u 100% 12u "Also &disconnect and remove my Make accounts"
	Pop $CheckDisconnect
	${NSD_CreateLabel} 12u 50u -12u 30u "Each account's access is withdrawn at Make and its tokens are removed from Credential Manager, with what the app keeps about them on this computer (its log and window settings)."
	Pop $0
	${If} $Disconnect = 1
		${NSD_Check} $CheckDisconnect
	${EndIf}
	GetDlgItem $0 $HWNDPARENT 1
	SendMessage $0 ${WM_SETTEXT} 0 "STR:$(^UninstallBtn)"
	nsDialogs::Show
FunctionEnd

Function un.OptionsLeave
	${NSD_GetState} $CheckDisconnect $0
	StrCpy $Disconnect 0
	${If} $0 = ${BST_CHECKED}
		StrCpy $Disconnect 1
	${EndIf}
FunctionEnd
