#!/usr/bin/env bash
# make vulncheck: fails when a known vulnerability is reachable from a
# shipped binary. govulncheck (golang.org/x/vuln, pinned, built into build/tools)
# reads a vulnerability database built here, once, from the
# golang.org/x/vulndb module that the Go module proxy serves (its data/osv,
# turned into a database by its own cmd/gendb), and kept in
# build/vulndb/VERSION: no network but the module proxy, and a rerun only
# scans. Bump VULNDB (and VULN) to take newer reports.
#
# What it scans, each for linux, windows and darwin (amd64):
#   - the command-line build (-tags headless,release, CGO_ENABLED=0): by
#     symbol, i.e. what the code can call;
#   - the window (-tags release, cgo): by symbol on linux and on windows
#     (cgo through the mingw-w64 cross-compiler); on darwin by package,
#     i.e. any vulnerable package the window imports, reachable or not,
#     since cgo for darwin needs Apple's SDK, which only a Mac has.
# The standard library is checked against the Go that builds the binaries
# (go env GOVERSION): a fix that needs a newer Go fails here too.
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
VULN=golang.org/x/vuln/cmd/govulncheck@v1.9.0
VULNDB=v0.0.0-20261105234957-e22db6528018
DB=$PWD/build/vulndb/$VULNDB
WINDOWS_CC=${WINDOWS_CC:-x86_64-w64-mingw32-gcc}

say() { echo "vulncheck: $*"; }

# build_db turns the module's data/osv into govulncheck's database layout.
# gendb dates each report by the git history of its file, which a module
# has none of: one commit dated when the module's commit was made gives
# every report, and so the database, that date.
build_db() {
	local dir date src
	"$GO" mod download "golang.org/x/vulndb@$VULNDB"
	read -r dir date < <("$GO" list -m -f '{{.Dir}} {{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' "golang.org/x/vulndb@$VULNDB")
	[ -d "$dir/data/osv" ] && [ -n "$date" ] || { say "golang.org/x/vulndb@$VULNDB has no data/osv or no date"; exit 1; }
	say "building the database from golang.org/x/vulndb@$VULNDB (once; kept in ${DB#"$PWD"/})"
	mkdir -p "$(dirname "$DB")"
	src=$(mktemp -d "$DB.tmp.XXXXXX")
	trap 'rm -rf "$src"' EXIT
	mkdir -p "$src/repo/data"
	cp -R "$dir/data/osv" "$src/repo/data/"
	chmod -R u+w "$src/repo"
	git -C "$src/repo" init -q
	git -C "$src/repo" add data
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date git -C "$src/repo" -c user.name=vulndb -c user.email=vulndb@localhost \
		-c commit.gpgsign=false commit -q --no-verify -m "golang.org/x/vulndb@$VULNDB"
	"$GO" run "golang.org/x/vulndb/cmd/gendb@$VULNDB" -repo "$src/repo" -out "$src/db" 2>&1 | grep -v ' INFO ' || true
	[ -s "$src/db/index/db.json" ] || { say "gendb wrote no database"; exit 1; }
	rm -rf "$DB"
	mv "$src/db" "$DB"
	rm -rf "$src"
	trap - EXIT
}

[ -s "$DB/index/db.json" ] || build_db
say "database golang.org/x/vulndb@$VULNDB, last modified $(sed -n 's/.*"modified":"\([^"]*\)".*/\1/p' "$DB/index/db.json"), $(ls "$DB/ID" | grep -c '\.json$') reports"
say "standard library: $("$GO" env GOVERSION)"

# govulncheck runs with each target's GOOS, so it is built for this
# machine first (go run would build it for the target), into build/tools;
# Go's build cache makes that quick after the first time.
GOBIN=$PWD/build/tools GOOS= GOARCH= CGO_ENABLED= "$GO" install "$VULN"

# scan NAME GOOS CGO TAGS MODE: one govulncheck run; its report on failure.
failed=()
scan() {
	local name=$1 goos=$2 cgo=$3 tags=$4 mode=$5 out cc=
	[ "$goos/$cgo" != windows/1 ] || cc=$WINDOWS_CC
	out=$(env GOOS="$goos" GOARCH=amd64 CGO_ENABLED="$cgo" ${cc:+CC="$cc"} \
		build/tools/govulncheck -db "file://$DB" -scan "$mode" -tags "$tags" . 2>&1) && {
		say "$name, $goos (by $mode): clean"
		return
	}
	say "$name, $goos (by $mode): FAILED"
	sed 's/^/    /' <<<"$out"
	failed+=("$name/$goos")
}
for goos in linux windows darwin; do
	scan "command line" "$goos" 0 headless,release symbol
done
scan window linux 1 release symbol
scan window windows 1 release symbol
scan window darwin 1 release package

if [ ${#failed[@]} -gt 0 ]; then
	say "known vulnerabilities (or a scan that did not run) in: ${failed[*]}"
	exit 1
fi
say "no known vulnerability reachable from the shipped binaries"
