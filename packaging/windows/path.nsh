; The install folder on PATH, included by installer.nsi: PathAdd when
; installing, un.PathRemove when uninstalling; in the person's environment
; (HKCU\Environment) or, for everyone, the machine's. Then a console opened
; afterwards runs "make-connect status" from any folder.
;
; NSIS variables hold at most 1,024 characters and PATH is often longer, so
; PATH never passes through one: it is read, searched and rewritten in
; buffers of its own with Win32 calls through the System plugin, and keeps
; its type (REG_EXPAND_SZ, so entries like %USERPROFILE%\bin still expand).
; Entries match without regard to case, with or without a trailing
; backslash. These functions use $0-$8 and $R0-$R1.

!define HKEY_CURRENT_USER  -2147483647 ; 0x80000001, sign-extended as Windows defines it
!define HKEY_LOCAL_MACHINE -2147483646 ; 0x80000002
!define KEY_QUERY_SET_64   0x103       ; KEY_QUERY_VALUE | KEY_SET_VALUE | KEY_WOW64_64KEY
!define REG_SZ             1
!define REG_EXPAND_SZ      2
!define MACHINE_ENVIRONMENT "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"

!macro PATH_SHARED un
; PathRead opens the mode's environment key ($0, or 0 when it cannot) and
; reads Path into $R0 and, between two ";", into $R1; both have room for
; the install folder. $1 is its type.
Function ${un}PathRead
	${If} $AllUsers = 1
		StrCpy $2 ${HKEY_LOCAL_MACHINE}
		StrCpy $3 "${MACHINE_ENVIRONMENT}"
	${Else}
		StrCpy $2 ${HKEY_CURRENT_USER}
		StrCpy $3 "Environment"
	${EndIf}
	System::Call 'advapi32::RegOpenKeyExW(p r2, w r3, i 0, i ${KEY_QUERY_SET_64}, *p .r0) i .r4'
	${If} $4 <> 0
		${Log} "Cannot open the environment in the registry (error $4)"
		StrCpy $0 0
		Return
	${EndIf}
	; Its size in bytes and its type; no Path yet is an empty REG_EXPAND_SZ.
	System::Call 'advapi32::RegQueryValueExW(p r0, w "Path", p 0, *i .r1, p 0, *i .r5) i .r4'
	${If} $4 <> 0
		StrCpy $1 ${REG_EXPAND_SZ}
		StrCpy $5 0
	${ElseIf} $1 <> ${REG_SZ}
	${AndIf} $1 <> ${REG_EXPAND_SZ}
		${Log} "PATH in the registry is not text (type $1): left alone"
		System::Call 'advapi32::RegCloseKey(p r0)'
		StrCpy $0 0
		Return
	${EndIf}
	StrLen $6 $INSTDIR
	IntOp $6 $6 * 2
	IntOp $6 $6 + $5
	IntOp $6 $6 + 16
	; System::Alloc zero-fills, so the value ends in a NUL even if stored without.
	System::Alloc $6
	Pop $R0
	System::Alloc $6
	Pop $R1
	System::Call 'advapi32::RegQueryValueExW(p r0, w "Path", p 0, p 0, p R0, *i r5) i .r4'
	System::Call 'kernel32::lstrcpyW(p R1, w ";")'
	System::Call 'kernel32::lstrcatW(p R1, p R0)'
	System::Call 'kernel32::lstrcatW(p R1, w ";")'
FunctionEnd

; PathFind sets $2 to where ";folder;" or ";folder\;" is in $R1, or 0,
; and $3 to which of the two.
Function ${un}PathFind
	StrCpy $3 ";$INSTDIR;"
	System::Call 'shlwapi::StrStrIW(p R1, w r3) p .r2'
	${If} $2 == 0
		StrCpy $3 ";$INSTDIR\;"
		System::Call 'shlwapi::StrStrIW(p R1, w r3) p .r2'
	${EndIf}
FunctionEnd

; PathWrite stores the string at the address on the stack as Path, with the
; type it had (an empty one removes Path), and tells running programs:
; Explorer then passes the new PATH to the consoles it starts.
Function ${un}PathWrite
	Exch $3
	System::Call 'kernel32::lstrlenW(p r3) i .r5'
	${If} $5 = 0
		System::Call 'advapi32::RegDeleteValueW(p r0, w "Path") i .r4'
	${Else}
		IntOp $5 $5 + 1
		IntOp $5 $5 * 2
		System::Call 'advapi32::RegSetValueExW(p r0, w "Path", i 0, i r1, p r3, i r5) i .r4'
	${EndIf}
	Pop $3
	${If} $4 <> 0
		${Log} "Cannot change PATH in the registry (error $4)"
	${Else}
		SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
	${EndIf}
FunctionEnd

; PathClose closes the key and frees the buffers PathRead made.
Function ${un}PathClose
	System::Call 'advapi32::RegCloseKey(p r0)'
	System::Free $R0
	System::Free $R1
FunctionEnd
!macroend
!insertmacro PATH_SHARED ""
!insertmacro PATH_SHARED "un."

Function PathAdd
	Call PathRead
	${If} $0 == 0
		Return
	${EndIf}
	Call PathFind
	${If} $2 == 0
		; A ";" after the entries there are, unless PATH ends with one.
		System::Call 'kernel32::lstrlenW(p R0) i .r5'
		${If} $5 > 0
			IntOp $6 $5 - 1
			IntOp $6 $6 * 2
			IntPtrOp $6 $R0 + $6
			System::Call '*$6(&i2 .r7)'
			${If} $7 <> 59 ; ';'
				System::Call 'kernel32::lstrcatW(p R0, w ";")'
			${EndIf}
		${EndIf}
		StrCpy $3 $INSTDIR
		System::Call 'kernel32::lstrcatW(p R0, w r3)'
		Push $R0
		Call PathWrite
		${Log} "Added $INSTDIR to PATH"
	${Else}
		${Log} "$INSTDIR is on PATH already"
	${EndIf}
	Call PathClose
FunctionEnd

Function un.PathRemove
	Call un.PathRead
	${If} $0 == 0
		Return
	${EndIf}
	StrCpy $8 0
	${Do}
		Call un.PathFind
		${If} $2 == 0
			${ExitDo}
		${EndIf}
		; Keep the ";" in front of the entry; move what follows the entry's
		; own ";" over it.
		StrLen $5 $3
		IntOp $5 $5 - 1
		IntOp $5 $5 * 2
		IntPtrOp $6 $2 + 2
		IntPtrOp $7 $6 + $5
		System::Call 'kernel32::lstrlenW(p r7) i .r5'
		IntOp $5 $5 + 1
		IntOp $5 $5 * 2
		System::Call 'kernel32::RtlMoveMemory(p r6, p r7, p r5)'
		StrCpy $8 1
	${Loop}
	${If} $8 = 1
		; $R1 is now ";" + the other entries + ";", or ";": drop those.
		IntPtrOp $6 $R1 + 2
		System::Call 'kernel32::lstrlenW(p r6) i .r5'
		${If} $5 > 0
			IntOp $5 $5 - 1
			IntOp $5 $5 * 2
			IntPtrOp $7 $6 + $5
			System::Call '*$7(&i2 0)'
		${EndIf}
		Push $6
		Call un.PathWrite
		${Log} "Removed $INSTDIR from PATH"
	${EndIf}
	Call un.PathClose
FunctionEnd
