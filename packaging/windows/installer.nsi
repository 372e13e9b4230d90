; The Windows setup for Make Connect, built by packaging/windows.sh with
; makensis -DAPP_NAME=… -DAPP_ID=… -DVERSION=… -DPUBLISHER=… -DCOPYRIGHT=…
; -DWEBSITE=… -DGUI_EXE=… -DCONSOLE_EXE=… -DICON=… -DOUTFILE=…
; [-DSIGN="command that signs %1 in place"].
;
; It installs for every user under Program Files (the app's settings and
; tokens are per user anyway), adds a Start-menu shortcut, and registers an
; uninstaller in Settings › Apps.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!include "MUI2.nsh"
!include "x64.nsh"

; The same name as on Linux and macOS, so support staff can type
; "make-connect status" in the install folder: cmd and PowerShell pick the
; console companion, make-connect.com, before the window's .exe.
!define INSTALLED_EXE "make-connect.exe"
!define INSTALLED_COM "make-connect.com"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}"
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

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${INSTALLED_EXE}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
	${IfNot} ${RunningX64}
		MessageBox MB_ICONSTOP "${APP_NAME} needs 64-bit Windows."
		Abort
	${EndIf}
	SetRegView 64
FunctionEnd

Function un.onInit
	SetRegView 64
FunctionEnd

Section "Install"
	SetShellVarContext all
	SetOutPath "$INSTDIR"
	File "/oname=${INSTALLED_EXE}" "${GUI_EXE}"
	File "/oname=${INSTALLED_COM}" "${CONSOLE_EXE}"
	WriteUninstaller "$INSTDIR\Uninstall.exe"
	CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${INSTALLED_EXE}"

	WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
	WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${INSTALLED_EXE}"
	WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
	WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
	WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; Removes what the setup installed. Connected accounts stay in Credential
; Manager: "make-connect disconnect" removes them, before uninstalling.
Section "Uninstall"
	SetShellVarContext all
	Delete "$SMPROGRAMS\${APP_NAME}.lnk"
	Delete "$INSTDIR\${INSTALLED_EXE}"
	Delete "$INSTDIR\${INSTALLED_COM}"
	Delete "$INSTDIR\Uninstall.exe"
	RMDir "$INSTDIR"
	DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
