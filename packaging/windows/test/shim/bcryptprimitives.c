/*
 * bcryptprimitives.dll for Wine 8, which lacks it: Go 1.26's runtime calls
 * ProcessPrng from it at start-up (Windows 10 and later have it), so every
 * Go program dies before main without it. check-windows.sh builds this
 * with mingw-w64 into its throwaway Wine prefix only; it is never shipped.
 *
 * ProcessPrng fills the buffer from advapi32's RtlGenRandom (exported as
 * SystemFunction036), which takes a ULONG length, so in chunks under 4 GiB.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x80000000u ? 0x80000000u : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
