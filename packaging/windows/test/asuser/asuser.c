/*
 * asuser runs a command as a person without administrator rights would:
 * with the Administrators group in its token for deny only, as it is for
 * a standard user or for an administrator before UAC elevates them. NSIS's
 * UserInfo::GetAccountType (CheckTokenMembership) then says "User", which
 * Wine, where everyone is an administrator, never does otherwise.
 * check-windows.sh builds it with mingw-w64 to run the uninstaller of an
 * install for everyone under Wine; it is never shipped.
 *
 *	asuser PROGRAM [ARG…]   exits with PROGRAM's exit code
 *
 * The command line after asuser's own name is passed on as it is. Wine has
 * no UAC: "runas" starts a program with its caller's token, so what the
 * command starts "elevated" runs with this one too (and Wine checks no
 * permissions on files or the registry, so it can still remove them).
 */
#include <windows.h>
#include <stdio.h>

int main(void)
{
	SID_IDENTIFIER_AUTHORITY nt = SECURITY_NT_AUTHORITY;
	SID_AND_ATTRIBUTES admins = { 0 };
	HANDLE token, restricted;
	STARTUPINFOW si = { sizeof si };
	PROCESS_INFORMATION pi;
	DWORD code;
	wchar_t *cmd = GetCommandLineW();

	/* Past asuser's own name, quoted or not, and the spaces after it. */
	if (*cmd == L'"') {
		for (cmd++; *cmd && *cmd != L'"'; cmd++)
			;
		if (*cmd)
			cmd++;
	} else {
		while (*cmd && *cmd != L' ' && *cmd != L'\t')
			cmd++;
	}
	while (*cmd == L' ' || *cmd == L'\t')
		cmd++;
	if (!*cmd) {
		fputs("usage: asuser PROGRAM [ARG...]\n", stderr);
		return 2;
	}

	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ALL_ACCESS, &token) ||
	    !AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS,
				      0, 0, 0, 0, 0, 0, &admins.Sid) ||
	    !CreateRestrictedToken(token, 0, 1, &admins, 0, NULL, 0, NULL, &restricted)) {
		fprintf(stderr, "asuser: cannot make the token (error %lu)\n", GetLastError());
		return 1;
	}
	if (!CreateProcessAsUserW(restricted, NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
		fprintf(stderr, "asuser: cannot start the program (error %lu)\n", GetLastError());
		return 1;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	if (!GetExitCodeProcess(pi.hProcess, &code))
		code = 1;
	return (int)code;
}
