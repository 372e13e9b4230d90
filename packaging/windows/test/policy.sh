# Sourced by check-windows.sh, with the sandbox running and the companion
# ($console) built: the managed policy as Group Policy writes it, in
# HKLM and HKCU Software\Policies\MakeConnect, read by the real program
# through Wine's registry. Leaves no policy behind.

step "under Wine: the managed policy in the registry"
policy_key='Software\Policies\MakeConnect'
reg_policy() { # ROOT NAME TYPE DATA
	w reg add "$1\\$policy_key" /v "$2" /t "$3" /d "$4" /f >/dev/null 2>&1 || bad "reg add $1\\$policy_key $2 failed"
}
reg_policy HKLM ManagedByOrganization REG_SZ "Example Ltd"
reg_policy HKLM MaxAccounts REG_DWORD 2
reg_policy HKLM DisableTokenCopy REG_DWORD 1
reg_policy HKCU ManagedByOrganization REG_SZ "Not this one" # HKLM wins
reg_policy HKCU AllowedScopes REG_MULTI_SZ 'openid\0user:read\0organizations:read'
value=$(w "$console" doctor | tr -d '\r') || true
for want in "ManagedByOrganization: Example Ltd (HKLM\\$policy_key)" "MaxAccounts: 2 (HKLM\\$policy_key)" \
	"DisableTokenCopy: the window does not copy access tokens (HKLM\\$policy_key)" \
	"AllowedScopes: openid user:read organizations:read (HKCU\\$policy_key)"; do
	grep -qF "$want" <<<"$value" && ok "doctor: $want" || bad "doctor does not say '$want': $(grep -F policy <<<"$value")"
done

# A flag against what the policy sets is a usage error naming it.
reg_policy HKLM Zone REG_SZ eu2.make.com
out=$(w "$console" status --zone us1.make.com 2>&1 | tr -d '\r') && code=0 || code=$?
[ "$code" = 2 ] && grep -qF "Zone in HKLM\\$policy_key" <<<"$out" && ok "status --zone against the policy: exit 2, names HKLM\\$policy_key" ||
	bad "status --zone against the policy: exit $code: $out"

# A list (REG_MULTI_SZ) of allowed zones that the sandbox's API base is
# not under: the token would go elsewhere, so every command refuses. (The
# Zone goes first: a policy Zone fixes the API base, which would then be
# an allowed zone's.)
w reg delete "HKLM\\$policy_key" /v Zone /f >/dev/null 2>&1
reg_policy HKLM AllowedZones REG_MULTI_SZ 'eu2.make.com\0us1.make.com'
out=$(w "$console" status 2>&1 | tr -d '\r') && code=0 || code=$?
[ "$code" = 2 ] && grep -qF "only eu2.make.com, us1.make.com (AllowedZones in HKLM\\$policy_key)" <<<"$out" &&
	ok "AllowedZones (REG_MULTI_SZ) refuses an API base outside eu2.make.com, us1.make.com" ||
	bad "AllowedZones: exit $code: $out"

# A value of the wrong type, or a number out of range, is said naming the
# key, where it is and the number; it stops what it governs (connecting),
# not status; doctor exits 1, as for every problem of the policy.
w reg delete "HKLM\\$policy_key" /v AllowedZones /f >/dev/null 2>&1
reg_policy HKLM Issuer REG_DWORD 1
reg_policy HKLM MaxAccounts REG_DWORD 0
out=$(w "$console" status 2>&1 | tr -d '\r') && code=0 || code=$?
[ "$code" = 0 ] && grep -qF "Issuer in HKLM\\$policy_key: it must be a text that is not empty, not 1" <<<"$out" &&
	grep -qF "MaxAccounts in HKLM\\$policy_key: it must be a whole number from 1 to 1000, not 0" <<<"$out" &&
	ok "a number for Issuer, MaxAccounts 0: said with the key, HKLM and the number; status exits 0" || bad "a wrong type: exit $code: $out"
w "$console" doctor >/dev/null 2>&1 && code=0 || code=$?
[ "$code" = 1 ] && ok "doctor exits 1" || bad "doctor with the policy's problems exited $code"
w reg delete "HKLM\\$policy_key" /v Issuer /f >/dev/null 2>&1
w reg delete "HKLM\\$policy_key" /v MaxAccounts /f >/dev/null 2>&1

# The kernel keyring, which Windows has not, chosen by the policy: its key
# is named, not a variable to unset.
reg_policy HKLM Keychain REG_SZ kernel
out=$(w "$console" status 2>&1 | tr -d '\r') && code=0 || code=$?
[ "$code" = 1 ] && grep -qF "policy chooses it (Keychain in HKLM\\$policy_key)" <<<"$out" && ! grep -q "unset" <<<"$out" &&
	ok "Keychain=kernel: exit 1, names Keychain in HKLM, no variable to unset" || bad "Keychain=kernel: exit $code: $out"

# An AllowedZones written by the MSI's or the setup's presets: a REG_SZ
# of entries separated by commas.
w reg delete "HKLM\\$policy_key" /v Keychain /f >/dev/null 2>&1
reg_policy HKLM AllowedZones REG_SZ 'eu2.make.com,us1.make.com'
out=$(w "$console" doctor 2>&1 | tr -d '\r') || true
grep -qF "AllowedZones: eu2.make.com, us1.make.com (HKLM\\$policy_key)" <<<"$out" &&
	ok "AllowedZones as a REG_SZ with commas: eu2.make.com, us1.make.com" || bad "AllowedZones as a REG_SZ: $(grep -i allowed <<<"$out")"

w reg delete "HKLM\\$policy_key" /f >/dev/null 2>&1
w reg delete "HKCU\\$policy_key" /f >/dev/null 2>&1
value=$(w "$console" status --json | tr -d '\r\n ') || true
[ "$value" = '{"accounts":[],"keychain":"system","gone":[]}' ] && ok "without the policy, status works as before" || bad "status --json without the policy: $value"
