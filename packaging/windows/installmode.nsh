; For whom the setup installs, included by installer.nsi.
;
; By default for the person running it, without administrator rights:
; %LOCALAPPDATA%\Programs\Make Connect, the uninstall entry in HKCU, their
; PATH and Start menu. Support staff on managed laptops often have no
; administrator rights, and the app keeps each person's tokens in their
; own Credential Manager anyway. For everyone (Program Files, HKLM, the
; machine's PATH, the all-users Start menu) when an administrator chooses
; it on the first page or with /AllUsers; someone without the rights who
; chooses it is asked for them, and the setup starts again elevated.
;
; An earlier install is found in the 64-bit registry view (where it was
; written) and replaced in its folder, in its mode; the first page says
; which version is installed and what happens to it. A newer version (of
; either mode) is never replaced by this one unless /AllowDowngrade is
; given.
;
; One install at a time, and the setup never crosses a line of rights to
; get there (CheckOthers, with or without a page; exit code 5 or 6 when
; silent):
; - "Only for me" over an install for everyone removes that one first, with
;   the uninstaller in its folder, silently and keeping the accounts
;   (RemoveOtherInstall). Its folder and entry are the machine's (HKLM,
;   Program Files), which only administrators can change; without the
;   rights to remove it, the setup stops and says why.
; - "For everyone" over an install for the person stops and asks them to
;   uninstall that one first (Settings › Apps), elevated or not. That
;   install's folder, and the HKCU entry that names it, are the person's:
;   any program they run can point the entry elsewhere or swap the
;   Uninstall.exe, so an elevated setup that ran it, or deleted in that
;   folder, would run or delete whatever such a program chose, with the
;   administrator's rights, behind the setup's UAC prompt. Cleaning up only
;   its entry, PATH entry and shortcut instead would leave its files on
;   disk, listed nowhere. The same holds for an elevated setup moving an
;   install for the person to another folder (/D=): it stops
;   (CheckMoveRights).
; - "For everyone" while the MSI (make-connect.wxs) is installed stops and
;   names it (CheckMsi): both would use Program Files\Make Connect, and
;   removing one would leave the other's entry behind. The MSI refuses
;   the other way round. An install for the person may stay beside it.
;
; The uninstaller of an install for everyone, run without the rights, does
; the person's part itself (closes their window, disconnects their accounts
; if asked) and only then has the uninstaller in the install folder started
; elevated for the rest (un.RemoveElevated).

Var AllUsers    ; 1: for everyone
Var IsAdmin     ; 1: running with administrator rights (elevated)
Var Upgrade     ; the folder of the install being replaced, or ""
Var ModeChosen  ; 1: /AllUsers or /CurrentUser said, so no page asks
Var DirGiven    ; 1: /D= chose the folder
Var RadioMe
Var RadioEveryone
Var Elevated       ; 1: the uninstaller started elevated by the person's (/Elevated)
Var NeedsElevation ; 1: the person's uninstaller of an install for everyone, without the rights
Var Installed   ; the version of the install in the chosen mode, or ""
Var ModeText    ; "for you" or "for everyone"
Var Other       ; the folder of the install of the other mode, or ""
Var OtherVersion
Var OtherText   ; the other mode's "for you" or "for everyone"
Var Downgrade   ; 1: /AllowDowngrade

!macro INSTALL_MODE_SHARED un
; IsAdminCheck sets $IsAdmin. Under UAC an administrator's token is a
; user's until elevated, and UserInfo says "User" for it.
Function ${un}IsAdminCheck
	UserInfo::GetAccountType
	Pop $0
	StrCpy $IsAdmin 0
	${If} $0 == "Admin"
		StrCpy $IsAdmin 1
	${EndIf}
FunctionEnd

; UseMode points $SMPROGRAMS, SHCTX (HKCU or HKLM) and the other shell
; folders at $AllUsers's.
Function ${un}UseMode
	${If} $AllUsers = 1
		SetShellVarContext all
	${Else}
		SetShellVarContext current
	${EndIf}
FunctionEnd

!macroend
!insertmacro INSTALL_MODE_SHARED ""
!insertmacro INSTALL_MODE_SHARED "un."

; Elevate runs this setup again with administrator rights (Windows asks
; for them) and the arguments on the stack, waits for it and quits with
; its exit code, so that whoever started this setup learns how the install
; went. It returns only when the rights were refused, or the copy could
; not be started. The copy is told /ElevatedCopy: it never asks again.
; (The uninstaller has its own way: un.RemoveElevated.)
Function Elevate
	Exch $0
	Push $1
	Push $2
	Push $3
	Push $4
	; The elevated setup writes the log now.
	Call LogClose
	StrCpy $3 "$0 /ElevatedCopy"
	StrCpy $4 "$EXEPATH"
	; SHELLEXECUTEINFOW, 112 bytes on 64-bit Windows (14 pointers' worth),
	; its mask SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC (0x140) to be
	; given the process, nShow SW_SHOWNORMAL (1). hProcess is the last
	; member, after cbSize, fMask and 13 members of pointer size (nShow
	; and dwHotKey are padded to it).
	System::Call '*(&i112) p .r1'
	System::Call '*$1(i 112, i 0x140, p $HWNDPARENT, w "runas", w r4, w r3, p 0, i 1) p .r1'
	System::Call 'shell32::ShellExecuteExW(p r1) i .r2 ?e'
	Pop $3 ; its GetLastError: 1223 when the person said no
	${If} $2 <> 0
		System::Call '*$1(i, i, p, p, p, p, p, p, p, p, p, p, p, p, p .r2)'
		System::Free $1
		StrCpy $3 0
		${If} $2 <> 0
			System::Call 'kernel32::WaitForSingleObject(p r2, i -1)'
			System::Call 'kernel32::GetExitCodeProcess(p r2, *i .r3)'
			System::Call 'kernel32::CloseHandle(p r2)'
		${EndIf}
		SetErrorLevel $3
		Quit
	${EndIf}
	System::Free $1
	${Log} "Administrator rights were refused (Windows error $3)"
	MessageBox MB_ICONEXCLAMATION "Without administrator rights ${APP_NAME} can only be installed for you." /SD IDOK
	Pop $4
	Pop $3
	Pop $2
	Pop $1
	Pop $0
FunctionEnd

; CheckDowngrade, from .onInit before anything else asks or changes: an
; install of either mode newer than this setup stops it, unless
; /AllowDowngrade (exit code 3 when silent).
Function CheckDowngrade
	${GetParameters} $1
	StrCpy $Downgrade 0
	ClearErrors
	${GetOptions} $1 "/AllowDowngrade" $0
	${IfNot} ${Errors}
		StrCpy $Downgrade 1
	${EndIf}
	ReadRegStr $2 HKCU "${UNINSTALL_KEY}" "DisplayVersion"
	ReadRegStr $3 HKLM "${UNINSTALL_KEY}" "DisplayVersion"
	${ForEach} $4 0 1 + 1
		${If} $4 = 0
			StrCpy $5 $2
		${Else}
			StrCpy $5 $3
		${EndIf}
		${If} $5 == ""
			${Continue}
		${EndIf}
		${VersionCompare} $5 "${VERSION}" $0
		${If} $0 = 1
			${If} $Downgrade = 1
				${Log} "${APP_NAME} $5 is installed, newer than ${VERSION}: replacing it (/AllowDowngrade)"
			${Else}
				${Log} "Not installed: ${APP_NAME} $5 is installed, newer than this setup's ${VERSION}"
				MessageBox MB_ICONSTOP "${APP_NAME} $5 is installed, which is newer than this setup's ${VERSION}, so nothing was changed.$\r$\n$\r$\nTo go back to ${VERSION}, run this setup with /AllowDowngrade, or uninstall $5 first." /SD IDOK
				Call LogClose
				SetErrorLevel ${EXIT_NEWER}
				Quit
			${EndIf}
		${EndIf}
	${Next}
FunctionEnd

; InitInstallMode, from .onInit: the registry view, the rights, the command
; line and any earlier install decide the mode and the folder.
Function InitInstallMode
	SetRegView 64
	Call CheckDowngrade
	Call IsAdminCheck
	; The copy Elevate started, still without the rights (Windows gave it
	; none: a standard user with UAC turned off, or Wine): it stops with
	; its own exit code, which its starter passes on, and never asks again.
	${GetParameters} $1
	ClearErrors
	${GetOptions} $1 "/ElevatedCopy" $0
	${IfNot} ${Errors}
	${AndIf} $IsAdmin = 0
		${Log} "Not installed: Windows started this setup for administrator rights, but gave it none"
		MessageBox MB_ICONSTOP "Windows gave this setup no administrator rights, so ${APP_NAME} was not installed for everyone." /SD IDOK
		Call LogClose
		SetErrorLevel ${EXIT_NO_RIGHTS}
		Quit
	${EndIf}
	StrCpy $DirGiven 0
	${If} $INSTDIR != ""
		StrCpy $DirGiven 1
	${EndIf}
	${GetParameters} $1
	StrCpy $ModeChosen 1
	ClearErrors
	${GetOptions} $1 "/AllUsers" $0
	${IfNot} ${Errors}
		StrCpy $AllUsers 1
	${Else}
		ClearErrors
		${GetOptions} $1 "/CurrentUser" $0
		${IfNot} ${Errors}
			StrCpy $AllUsers 0
		${Else}
			; Neither: where it is installed already, else for the person.
			StrCpy $ModeChosen 0
			StrCpy $AllUsers 0
			ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "InstallLocation"
			ReadRegStr $2 HKLM "${UNINSTALL_KEY}" "InstallLocation"
			${If} $0 == ""
			${AndIf} $2 != ""
				StrCpy $AllUsers 1
			${EndIf}
		${EndIf}
	${EndIf}
	Call ApplyMode
	; Without a page to choose on, a mode that another install stops, stops
	; here, before asking for any rights.
	${If} $ModeChosen = 1
	${OrIf} ${Silent}
		Call CheckOthers
		${If} $0 <> 0
			Call LogClose
			SetErrorLevel $0
			Quit
		${EndIf}
	${EndIf}
	; For everyone without the rights, and no page to choose on (/AllUsers,
	; or a silent upgrade of an install for everyone): ask for them now.
	; NSIS takes /D= off the parameters, so it is given again.
	${If} $AllUsers = 1
	${AndIf} $IsAdmin = 0
		${If} $ModeChosen = 1
		${OrIf} ${Silent}
			${GetParameters} $1
			${If} $ModeChosen = 0
				StrCpy $1 "$1 /AllUsers"
			${EndIf}
			${If} $DirGiven = 1
				StrCpy $1 "$1 /D=$INSTDIR"
			${EndIf}
			${Log} "Installing for everyone needs administrator rights: asking Windows for them"
			Push "$1"
			Call Elevate
			SetErrorLevel ${EXIT_BUSY}
			Quit
		${EndIf}
	${EndIf}
FunctionEnd

; ApplyMode sets the shell folders, $Upgrade, $Installed, $Other and
; $INSTDIR for $AllUsers.
Function ApplyMode
	Call UseMode
	ReadRegStr $Upgrade SHCTX "${UNINSTALL_KEY}" "InstallLocation"
	ReadRegStr $Installed SHCTX "${UNINSTALL_KEY}" "DisplayVersion"
	${If} $Upgrade == ""
		StrCpy $Installed ""
	${EndIf}
	${If} $AllUsers = 1
		StrCpy $ModeText "for everyone"
		StrCpy $OtherText "for you"
		ReadRegStr $Other HKCU "${UNINSTALL_KEY}" "InstallLocation"
		ReadRegStr $OtherVersion HKCU "${UNINSTALL_KEY}" "DisplayVersion"
	${Else}
		StrCpy $ModeText "for you"
		StrCpy $OtherText "for everyone"
		ReadRegStr $Other HKLM "${UNINSTALL_KEY}" "InstallLocation"
		ReadRegStr $OtherVersion HKLM "${UNINSTALL_KEY}" "DisplayVersion"
	${EndIf}
	${If} $DirGiven = 1
		Return
	${EndIf}
	${If} $Upgrade != ""
		StrCpy $INSTDIR $Upgrade
	${ElseIf} $AllUsers = 1
		StrCpy $INSTDIR "$PROGRAMFILES64\${APP_NAME}"
	${Else}
		StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APP_NAME}"
	${EndIf}
FunctionEnd

; CheckOthers sets $0 to 0 when the install in $AllUsers's mode may go
; ahead beside what else is installed; otherwise it says why and sets $0
; to the exit code (the header above says the rules). It runs or deletes
; nothing.
Function CheckOthers
	StrCpy $0 0
	${If} $AllUsers = 1
		Call CheckMsi
		${If} $0 <> 0
			Return
		${EndIf}
		; $Other is the person's (HKCU): only ever shown, never run or deleted.
		${If} $Other != ""
			${Log} "Not installed: ${APP_NAME} $OtherVersion is installed for you in $Other; uninstall it first (Settings › Apps), then install for everyone"
			MessageBox MB_ICONEXCLAMATION "${APP_NAME} $OtherVersion is installed for you, in $Other. Only one install is kept, and installing for everyone does not remove an install for you (it would have to run that install's files with administrator rights), so nothing was changed.$\r$\n$\r$\nUninstall it first (Settings › Apps; your Make accounts stay), then run this setup again." /SD IDOK
			StrCpy $0 ${EXIT_OTHER_INSTALL}
		${EndIf}
	${ElseIf} $Other != ""
	${AndIf} $IsAdmin = 0
		${Log} "Not installed: ${APP_NAME} $OtherVersion is installed for everyone in $Other, and removing it needs administrator rights"
		MessageBox MB_ICONEXCLAMATION "${APP_NAME} $OtherVersion is installed for everyone on this computer, in $Other. Only one install is kept, and removing that one needs administrator rights, so nothing was changed.$\r$\n$\r$\nChoose $\"For everyone$\" to update it, or have an administrator uninstall it (Settings › Apps) and run this setup again." /SD IDOK
		StrCpy $0 ${EXIT_OTHER_INSTALL}
	${EndIf}
FunctionEnd

; CheckMsi sets $0 to ${EXIT_MSI}, and says so, when the MSI is installed;
; else to 0. Windows Installer finds it by its UpgradeCode, which stays the
; same in every build (windows/msi.sh), as the ProductCode does not. Uses
; $2-$5.
Function CheckMsi
	StrCpy $0 0
	System::Call 'msi::MsiEnumRelatedProductsW(w "${MSI_UPGRADE_CODE}", i 0, i 0, w .r2) i .r3'
	${If} $3 <> 0
		Return
	${EndIf}
	StrCpy $5 $2
	StrCpy $4 ${NSIS_MAX_STRLEN}
	System::Call 'msi::MsiGetProductInfoW(w r2, w "VersionString", w .r2, *i r4) i .r3'
	${If} $3 <> 0
		StrCpy $2 ""
	${EndIf}
	${Log} "Not installed: ${APP_NAME} $2 is installed for everyone by its MSI (product code $5); uninstall it first (msiexec /x $5), or update it with a newer MSI"
	MessageBox MB_ICONEXCLAMATION "${APP_NAME} $2 is installed for everyone on this computer by its MSI package (product code $5), in the folder this setup would use, so nothing was changed.$\r$\n$\r$\nUpdate it with a newer MSI, or uninstall it first (Settings › Apps, or msiexec /x $5) and run this setup again. Installing only for you works beside it." /SD IDOK
	StrCpy $0 ${EXIT_MSI}
FunctionEnd

; RemoveOtherInstall, the install's first step for the person: the install
; for everyone is removed by its own uninstaller, silently and in place
; (_?=), without /Disconnect: the accounts stay. Then only this one is in
; Settings › Apps, the Start menu and on PATH. If it is still there, the
; setup stops (exit code 5) before installing anything. It reads the
; folder from HKLM only: an install for the person is never run
; (CheckOthers stopped "For everyone" over one).
Function RemoveOtherInstall
	${If} $Other == ""
	${OrIf} $AllUsers = 1
		Return
	${EndIf}
	${Log} "Removing ${APP_NAME} $OtherVersion installed $OtherText from $Other: only one install is kept (the accounts stay)"
	ClearErrors
	ExecWait '"$Other\${UNINSTALLER}" /S _?=$Other' $0
	Delete "$Other\${UNINSTALLER}"
	RMDir "$Other"
	ReadRegStr $1 HKLM "${UNINSTALL_KEY}" "InstallLocation"
	${If} $1 != ""
		${Log} "Not installed: the install $OtherText in $1 could not be removed (its uninstaller exited $0)"
		MessageBox MB_ICONSTOP "${APP_NAME} is also installed $OtherText, in $1, and that install could not be removed, so this one was not installed. Uninstall it from Settings › Apps, then run this setup again." /SD IDOK
		Call LogClose
		SetErrorLevel ${EXIT_OTHER_INSTALL}
		Quit
	${EndIf}
FunctionEnd

; CheckMoveRights, before the install moves an install for the person to
; another folder (/D=), which runs the Uninstall.exe in the old folder and
; deletes there: with administrator rights it does neither (the header
; above says why) and stops, exit code 5.
Function CheckMoveRights
	${If} $AllUsers = 0
	${AndIf} $IsAdmin = 1
		${Log} "Not installed: with administrator rights, the install for you in $Upgrade is not moved to $INSTDIR; run this setup without them, or uninstall that one first"
		MessageBox MB_ICONSTOP "${APP_NAME} is installed for you in $Upgrade. This setup, running with administrator rights, does not move it to $INSTDIR (that would run its files with those rights), so nothing was changed.$\r$\n$\r$\nRun this setup without administrator rights, or uninstall that install first (Settings › Apps)." /SD IDOK
		Call LogClose
		SetErrorLevel ${EXIT_OTHER_INSTALL}
		Quit
	${EndIf}
FunctionEnd

; ModeNextButton labels Next "Install" when the install page follows
; (an upgrade in place: no folder to choose), else "Next >".
Function ModeNextButton
	Pop $1
	GetDlgItem $0 $HWNDPARENT 1
	${NSD_GetState} $RadioEveryone $2
	${If} $2 = ${BST_CHECKED}
		ReadRegStr $2 HKLM "${UNINSTALL_KEY}" "InstallLocation"
	${Else}
		ReadRegStr $2 HKCU "${UNINSTALL_KEY}" "InstallLocation"
	${EndIf}
	${If} $2 != ""
	${AndIf} $DirGiven = 0
		SendMessage $0 ${WM_SETTEXT} 0 "STR:$(^InstallBtn)"
	${Else}
		SendMessage $0 ${WM_SETTEXT} 0 "STR:$(^NextBtn)"
	${EndIf}
FunctionEnd

; The first page: what is installed, and for whom.
Function InstallModePage
	${If} $ModeChosen = 1
		Abort
	${EndIf}
	!insertmacro MUI_HEADER_TEXT "Install for" "Choose who can use ${APP_NAME} on this computer."
	nsDialogs::Create 1018
	Pop $0
	${If} $Upgrade != ""
		${VersionCompare} $Installed "${VERSION}" $1
		${If} $1 = 0
			StrCpy $2 "${APP_NAME} $Installed is installed $ModeText and will be installed again."
		${ElseIf} $1 = 1
			StrCpy $2 "${APP_NAME} $Installed is installed $ModeText and will be replaced by the older ${VERSION}."
		${Else}
			StrCpy $2 "${APP_NAME} $Installed is installed $ModeText and will be updated to ${VERSION}."
		${EndIf}
	${ElseIf} $Other != ""
		StrCpy $2 "${APP_NAME} $OtherVersion is installed $OtherText. ${APP_NAME} ${VERSION} will be installed as you choose below."
	${Else}
		StrCpy $2 "${APP_NAME} ${VERSION} will be installed."
	${EndIf}
	; Only one install is kept: what choosing the other option does.
	ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "InstallLocation"
	ReadRegStr $1 HKLM "${UNINSTALL_KEY}" "InstallLocation"
	${If} $0 != ""
		StrCpy $2 "$2 Only one install is kept: to install for everyone, uninstall the one for you first (Settings › Apps)."
	${ElseIf} $1 != ""
		StrCpy $2 "$2 Only one install is kept: $\"Only for me$\" removes the one for everyone first. Your Make accounts stay."
	${EndIf}
	${NSD_CreateLabel} 0 0 100% 26u $2
	Pop $0
	${NSD_CreateRadioButton} 0 30u 100% 12u "Only for me (no administrator rights needed)"
	Pop $RadioMe
	${NSD_OnClick} $RadioMe ModeNextButton
	${NSD_CreateLabel} 12u 44u -12u 20u "Installs in your own folder (AppData\Local\Programs). Your Make accounts stay in your Windows Credential Manager."
	Pop $0
	${NSD_CreateRadioButton} 0 70u 100% 12u "For everyone who uses this computer (needs administrator rights)"
	Pop $RadioEveryone
	${NSD_OnClick} $RadioEveryone ModeNextButton
	${NSD_CreateLabel} 12u 84u -12u 20u "Installs in Program Files. Each person's Make accounts still stay in their own Credential Manager."
	Pop $0
	${If} $AllUsers = 1
		${NSD_Check} $RadioEveryone
	${Else}
		${NSD_Check} $RadioMe
	${EndIf}
	Push $RadioMe
	Call ModeNextButton
	nsDialogs::Show
FunctionEnd

Function InstallModeLeave
	${NSD_GetState} $RadioEveryone $AllUsers
	${If} $AllUsers = ${BST_CHECKED}
		StrCpy $AllUsers 1
	${Else}
		StrCpy $AllUsers 0
	${EndIf}
	Call ApplyMode
	; Another install stops this mode: stay, after saying why (before
	; asking for any rights).
	Call CheckOthers
	${If} $0 <> 0
		Abort
	${EndIf}
	${If} $AllUsers = 1
	${AndIf} $IsAdmin = 0
		; The elevated setup takes over; this one waits out of sight.
		HideWindow
		; What else it was given that still matters there.
		StrCpy $1 "/AllUsers"
		${If} $Downgrade = 1
			StrCpy $1 "$1 /AllowDowngrade"
		${EndIf}
		${If} $LogPath != ""
			StrCpy $1 "$1 /LOG=$LogPath"
		${EndIf}
		Push $1
		Call Elevate
		BringToFront
		StrCpy $AllUsers 0
		Call ApplyMode
		Abort
	${EndIf}
FunctionEnd

; An upgrade replaces the earlier install where it is.
Function SkipDirectoryOnUpgrade
	${If} $Upgrade != ""
	${AndIf} $DirGiven = 0
		Abort
	${EndIf}
FunctionEnd

; InitUninstallMode, from un.onInit: for everyone when the machine's entry
; names this folder. Removing that needs administrator rights: without
; them this is the person's uninstaller ($NeedsElevation), which starts the
; elevated one from its last section.
Function un.InitUninstallMode
	SetRegView 64
	Call un.IsAdminCheck
	${GetParameters} $1
	ClearErrors
	${GetOptions} $1 "/Elevated" $0
	StrCpy $Elevated 0
	${IfNot} ${Errors}
		StrCpy $Elevated 1
	${EndIf}
	StrCpy $AllUsers 0
	StrCpy $NeedsElevation 0
	ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
	${If} $0 == $INSTDIR
		StrCpy $AllUsers 1
		${If} $IsAdmin = 0
		${AndIf} $Elevated = 0
			StrCpy $NeedsElevation 1
		${EndIf}
	${EndIf}
	Call un.UseMode
FunctionEnd

; RemoveElevated, the person's uninstaller's last step instead of removing:
; it has closed the window and disconnected the person's accounts as the
; person (elevated, with an administrator's credentials, they would be the
; administrator's), and now has Windows start the uninstaller in the
; install folder with administrator rights, in place (_?=), and waits for
; it. Never this program: NSIS runs an uninstaller from a copy in %TEMP%
; ($EXEPATH), which the person's programs can write, so it could be
; swapped before the administrator approves; Program Files cannot. The
; elevated one runs silent (this one has the window) with /Elevated: it
; removes the rest, neither disconnects nor asks again, and deletes its
; own program once it has ended (un.DeleteSelfAfterExit).
Function un.RemoveElevated
	${Log} "Removing ${APP_NAME} for everyone needs administrator rights"
	; The elevated program starts in this folder: not one the person can write.
	SetOutPath "$SYSDIR"
	ClearErrors
	ExecShellWait "runas" '"$INSTDIR\${UNINSTALLER}"' "/S /Elevated _?=$INSTDIR"
	${IfNot} ${Errors}
		ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
		${If} $0 != $INSTDIR
			Return
		${EndIf}
	${EndIf}
	MessageBox MB_ICONEXCLAMATION "${APP_NAME} was not removed: it is installed for everyone, which needs administrator rights to remove." /SD IDOK
	SetErrorLevel 2
	Abort "${APP_NAME} was not removed"
FunctionEnd

; DeleteSelfAfterExit, the elevated uninstaller's last step: it runs in the
; install folder, and no one can delete a running program, so a hidden
; cmd.exe deletes it and the folder once it has ended, trying every second
; for 30 s. Elevated, the command starts from System32 and names ping by its
; path: cmd looks for programs in its current folder first.
Function un.DeleteSelfAfterExit
	SetOutPath "$SYSDIR"
	ExecShell "open" "$SYSDIR\cmd.exe" '/d /c for /l %i in (1,1,30) do ( del /f /q "$INSTDIR\${UNINSTALLER}" 2>nul & if exist "$INSTDIR\${UNINSTALLER}" ( "$SYSDIR\PING.EXE" -n 2 127.0.0.1 >nul ) else ( rmdir "$INSTDIR" 2>nul & exit ) )' SW_HIDE
FunctionEnd
