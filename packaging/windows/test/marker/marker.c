/*
 * marker stands in for the Uninstall.exe of an install for one person in
 * check-windows's test that an elevated setup never runs one
 * (test/boundaries.sh): run, it creates a file beside itself named after
 * itself with ".ran" added, and exits 0. It is never shipped.
 */
#include <windows.h>

int main(void)
{
	wchar_t path[MAX_PATH + 8];
	DWORD n = GetModuleFileNameW(NULL, path, MAX_PATH);
	HANDLE file;

	if (n == 0 || n >= MAX_PATH)
		return 1;
	lstrcatW(path, L".ran");
	file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	if (file == INVALID_HANDLE_VALUE)
		return 1;
	CloseHandle(file);
	return 0;
}
