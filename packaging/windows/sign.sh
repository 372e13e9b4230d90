#!/usr/bin/env bash
# Signs one Windows executable or MSI in place with osslsigncode (Authenticode,
# SHA-256), with the certificate named in the environment:
#   SIGN_PFX=cert.pfx SIGN_PASS=…            a PKCS#12 file and its password
#   SIGN_CERT=cert.pem SIGN_KEY=key.pem      a certificate (chain) and its key
#                                            (SIGN_PASS if the key is encrypted)
#   SIGN_TIMESTAMP=http://…                  the RFC 3161 timestamp server, so
#                                            the signature outlives the cert
#                                            (e.g. http://timestamp.digicert.com,
#                                            or your certificate authority's);
#                                            required: SIGN_TIMESTAMP=none signs
#                                            without one, said on purpose
# windows.sh calls it for the app, the setup and the MSI, and makensis for
# the uninstaller.
set -euo pipefail
file=${1:?usage: sign.sh FILE}
name=$(basename "$0")

args=(sign -h sha256 -n "Make Connect" -i "https://github.com/make-connect/make-connect")
if [ -n "${SIGN_PFX:-}" ]; then
	[ -r "$SIGN_PFX" ] || { echo "$name: SIGN_PFX=$SIGN_PFX cannot be read" >&2; exit 1; }
	args+=(-pkcs12 "$SIGN_PFX")
elif [ -n "${SIGN_CERT:-}" ] && [ -n "${SIGN_KEY:-}" ]; then
	[ -r "$SIGN_CERT" ] && [ -r "$SIGN_KEY" ] ||
		{ echo "$name: SIGN_CERT or SIGN_KEY cannot be read" >&2; exit 1; }
	args+=(-certs "$SIGN_CERT" -key "$SIGN_KEY")
else
	echo "$name: no certificate: set SIGN_PFX (and SIGN_PASS), or SIGN_CERT and SIGN_KEY" >&2
	exit 1
fi
# The password goes through a private file, not the command line other
# users see.
if [ -n "${SIGN_PASS:-}" ]; then
	passfile=$(mktemp)
	trap 'rm -f "$passfile"' EXIT
	printf '%s' "$SIGN_PASS" >"$passfile"
	args+=(-readpass "$passfile")
fi
case ${SIGN_TIMESTAMP:-} in
"")
	echo "$name: no SIGN_TIMESTAMP: without a timestamp the signature expires with the certificate." >&2
	echo "$name: set SIGN_TIMESTAMP to an RFC 3161 server (e.g. http://timestamp.digicert.com), or SIGN_TIMESTAMP=none to sign without one" >&2
	exit 1
	;;
none) ;;
*) args+=(-ts "$SIGN_TIMESTAMP") ;;
esac

osslsigncode "${args[@]}" -in "$file" -out "$file.signed" >/dev/null
mv "$file.signed" "$file"
echo "signed $file"
