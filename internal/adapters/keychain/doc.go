// Package keychain keeps the app's Make accounts (Account: the connection
// and Make's profile of the person) in the operating system's keychain
// through github.com/zalando/go-keyring: the Secret Service on Linux, the
// login keychain on macOS, Credential Manager on Windows. There is never a fallback to a plain file.
//
// # Layout
//
// Every entry lives under one service name (the app's ID unless told
// otherwise); the go-keyring "user" is the entry's key. Each stored value is
// at most 2,000 bytes: Windows refuses secrets over 2,560 bytes, go-keyring
// on macOS fails near 3,000 bytes once the secret is base64-encoded (and at
// its exact limit can fail while returning nil, go-keyring issue #153), and
// the Secret Service slows down with large secrets.
//
// Data is kept in records. A record is a small head entry, a JSON object
// holding no secret, and its payload cut into chunks:
//
//	index                  head of the account list
//	index/<gen>/<i>        the list: {"accounts":[id…],"pending":[id…]}
//	account/<id>           head of one account
//	account/<id>/<gen>/<i> the account (connection and profile) as JSON
//
// A head reads
//
//	{"v":1,"name":"account/<id>","gen":7,"n":3,"len":5120,"sha256":"…",
//	 "prev":{"gen":6,"n":3},"pending":{"gen":8,"n":4}}
//
// v is the format version; name is the head's own key; gen, n, len and
// sha256 describe the committed version, chunks <gen>/0 to <gen>/<n-1>,
// whose concatenation must be len bytes with that SHA-256; prev and pending
// name generations whose chunks may be left over.
//
// go-keyring cannot enumerate entries, so everything is reached from the
// index. It lists account IDs in the order they were added, plus "pending"
// IDs: accounts being added or deleted, which readers ignore. With
// per-account heads the list stays small (about 15 bytes an account) and,
// being a chunked record itself, fits any number of accounts.
//
// # Writing
//
// Writers hold a mutex and an advisory lock on the file
// os.UserCacheDir()/make-connect/<service>.lock (where the cache cannot be
// made, in the runtime folder or a private temporary one: userdir.Cache),
// which holds no secret;
// readers hold both shared. The lock file is used only in a directory that
// is the user's alone and never through a link, and another process's lock
// is waited for 45 s at the most, then ErrBusy. A record is written in this
// order:
//
//  1. Delete the chunks of the head's prev and pending generations, left
//     over by an earlier write.
//  2. Rewrite the head with the new generation as pending.
//  3. Write the new chunks.
//  4. Read them back and check the SHA-256: go-keyring may report success
//     for a write that did not happen (macOS, issue #153).
//  5. Switch: rewrite the head to the new generation, the old one as prev.
//  6. Delete the chunks of the old generation. Replace (a connect that
//     replaces an account's connection) returns before this step, which
//     then runs under the store's lock: the browser's page waits for the
//     new version, not for the old one to go. Store.Close waits for it
//     (CloseWait at most), and every face closes the store before it
//     exits, so a process that ends normally leaves no old generation.
//
// Every head write is read back too, except on the Secret Service, whose
// CreateItem answers with the item it made (secretservice.go: go-keyring's
// own D-Bus calls, with one session for the process, where go-keyring
// opens one and unlocks the collection for every entry). The head changes
// in one Set, so a reader sees either the old version or the new one, and
// a failure or a kill at any step leaves the previous version readable
// with every stray chunk named in the head, to be deleted by the next
// write of that record — which, closed before its process exits, leaves
// exactly what a clean write leaves (e2e's
// TestKilledReconnectsLeaveNothingBehind).
//
// Adding an account writes the index with the ID pending, then the
// account's record, then the index with the ID among the accounts. Deleting
// one writes the index with the ID moved to pending (from then on it is
// gone), then deletes its chunks and head, then drops it from pending; when
// that leaves the list empty, the index goes too (its head first, so that
// it reads as never written): with no account the keychain holds nothing
// of the app's. Each write starts by finishing what an interrupted one left
// pending.
//
// # Failures
//
// A damaged or foreign account entry is reported by List in skipped and
// never deleted on a read; Save replaces a damaged head (the chunks it named
// cannot be found and stay unread). A damaged index stops writes, since
// writing a fresh one would lose every account; Repair rebuilds it from the
// accounts it can find under the IDs it can learn (the index's readable
// parts, the other versions its head names, the caller), and never deletes
// an entry itself. A keychain that does not answer within the timeout
// gives ErrTimeout, one that does not exist ErrUnavailable. Errors never
// contain a token or any stored value.
//
// A call cut off by the timeout may still land later. Until it has, it
// keeps the store's turn, so this process's later calls wait (and time out)
// instead of overtaking it, and the store's file lock, so another process's
// write cannot begin before it lands or while it lands.
//
// # Machines without a desktop
//
// Over SSH there is often no D-Bus session bus, or one with no Secret
// Service running, or one whose login keyring is locked with no desktop to
// ask for its password. go-keyring would then start programs (godbus runs
// dbus-launch when it finds no bus; D-Bus activation starts
// gnome-keyring-daemon) and fail with "failed to unlock correct
// collection". So before the first call on Linux a preflight, bounded to
// 2 s, checks the bus without starting anything and gives ErrUnavailable
// (nothing to reach) or ErrLocked (locked, nobody to ask), each with the
// commands that work in a terminal. With a display, the desktop may start
// the Secret Service and ask for the password itself.
package keychain
