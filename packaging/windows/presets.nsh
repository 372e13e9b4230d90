; Presets of the managed policy for the setup for everyone, included by
; installer.nsi: the MSI's properties, given as /KEY=value
; (setup.exe /S /AllUsers /CLIENTID=… /MAXACCOUNTS=3), each written to
; HKLM\Software\Policies\MakeConnect as its key, as the MSI writes it
; (windows/make-connect.wxs): a text as REG_SZ, a number as REG_DWORD, a
; list as a REG_SZ of entries separated by commas. Each one written is
; marked in HKLM\Software\MakeConnect\Presets, and the uninstaller removes
; those, and only those: a value the setup was not given is not its own.
; A setup run again without a preset leaves the value it wrote before.
; Presets are for everyone only (Group Policy's key is the machine's); for
; the person, or a number that is not one, the setup installs nothing
; (exit code 7). config's TestKnownKeysRegistered checks that every policy
; key is here. Uses $R0-$R3.

!define PRESETS_KEY "Software\MakeConnect\Presets"
!define POLICY_KEY "Software\Policies\MakeConnect"

Var PresetsGiven ; 1: at least one /KEY=value

; PresetCheck KEY OPTION TYPE: with /OPTION=value, $PresetsGiven is 1; a
; REG_DWORD's value must be a whole number (0 or more, digits only).
!macro PresetCheck KEY OPTION TYPE
	ClearErrors
	${GetOptions} $R0 "/${OPTION}=" $R1
	${IfNot} ${Errors}
		StrCpy $PresetsGiven 1
		!if "${TYPE}" == "REG_DWORD"
			IntOp $R2 $R1 + 0
			${If} "$R2" != "$R1"
			${OrIf} $R2 < 0
				StrCpy $R3 "/${OPTION}=$R1 is not a whole number."
			${EndIf}
		!endif
	${EndIf}
!macroend

; PresetWrite KEY OPTION TYPE writes /OPTION=value as the policy's KEY.
!macro PresetWrite KEY OPTION TYPE
	ClearErrors
	${GetOptions} $R0 "/${OPTION}=" $R1
	${IfNot} ${Errors}
		!if "${TYPE}" == "REG_DWORD"
			WriteRegDWORD HKLM "${POLICY_KEY}" "${KEY}" $R1
		!else
			WriteRegStr HKLM "${POLICY_KEY}" "${KEY}" $R1
		!endif
		WriteRegStr HKLM "${PRESETS_KEY}" "${KEY}" "1"
		${Log} "Preset ${KEY} in HKLM\${POLICY_KEY} (/${OPTION}=)"
	${EndIf}
!macroend

; The policy's keys (internal/adapters/config/keys.go), their options and
; types.
!macro Presets DO
	!insertmacro Preset${DO} "ClientID" "CLIENTID" REG_SZ
	!insertmacro Preset${DO} "Issuer" "ISSUER" REG_SZ
	!insertmacro Preset${DO} "Zone" "ZONE" REG_SZ
	!insertmacro Preset${DO} "Scopes" "SCOPES" REG_SZ
	!insertmacro Preset${DO} "RedirectURI" "REDIRECTURI" REG_SZ
	!insertmacro Preset${DO} "CAFile" "CAFILE" REG_SZ
	!insertmacro Preset${DO} "Keychain" "KEYCHAIN" REG_SZ
	!insertmacro Preset${DO} "ManagedByOrganization" "MANAGEDBYORGANIZATION" REG_SZ
	!insertmacro Preset${DO} "AllowedZones" "ALLOWEDZONES" REG_SZ
	!insertmacro Preset${DO} "AllowedScopes" "ALLOWEDSCOPES" REG_SZ
	!insertmacro Preset${DO} "DisableTokenCopy" "DISABLETOKENCOPY" REG_DWORD
	!insertmacro Preset${DO} "MaxAccounts" "MAXACCOUNTS" REG_DWORD
!macroend

; CheckPresets, in the install section before anything changes: presets
; for the person, or a number that is not one, stop the setup (exit code 7).
Function CheckPresets
	${GetParameters} $R0
	StrCpy $PresetsGiven 0
	StrCpy $R3 ""
	!insertmacro Presets Check
	${If} $PresetsGiven = 1
	${AndIf} $AllUsers != 1
		StrCpy $R3 "Presets (/KEY=value) are written to HKLM\${POLICY_KEY}, for everyone: install with /AllUsers."
	${EndIf}
	${If} $R3 != ""
		${Log} "Not installed: $R3"
		MessageBox MB_ICONSTOP "${APP_NAME} was not installed: $R3" /SD IDOK
		Call LogClose
		SetErrorLevel ${EXIT_PRESET}
		Quit
	${EndIf}
FunctionEnd

; WritePresets writes the presets given, after the files are installed.
Function WritePresets
	${If} $PresetsGiven != 1
		Return
	${EndIf}
	${GetParameters} $R0
	!insertmacro Presets Write
FunctionEnd

; un.RemovePresets removes the policy's values the setup wrote, and its
; marks; the key goes when nothing else is in it.
Function un.RemovePresets
	StrCpy $R0 0
	${Do}
		EnumRegValue $R1 HKLM "${PRESETS_KEY}" $R0
		${If} $R1 == ""
			${ExitDo}
		${EndIf}
		DeleteRegValue HKLM "${POLICY_KEY}" $R1
		${Log} "Removed the preset $R1 from HKLM\${POLICY_KEY}"
		IntOp $R0 $R0 + 1
	${Loop}
	DeleteRegKey HKLM "${PRESETS_KEY}"
	DeleteRegKey /ifempty HKLM "${POLICY_KEY}"
FunctionEnd
