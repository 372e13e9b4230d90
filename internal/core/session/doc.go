// Package session is what every face of the app runs: the window and the
// command line show what it reports, and decide nothing of their own.
//
// It owns, once:
//
//   - the connect flow (Connect): the keychain is read before any sign-in
//     address is shown, so a keychain that cannot work fails before the
//     person signs in; the attempt, the browser's single-use link or a
//     pasted address; the connection stored before the browser is told it
//     worked, its issued tokens revoked if storing fails; the replaced
//     connection revoked after the page; the rule that keeps the default
//     account when a second one is connected; and the clean-up when the
//     sign-in link turns out to have been opened twice.
//   - each account's schedule (Session): when a refresh is due, the retry
//     after a failure, the pause after Make's rate limit, the check with
//     Make after the accounts are first read and on demand, which desktop
//     notice is due, sent once per token across processes, and when what
//     is shown next changes. The rules are plain functions of an account's
//     state and the clock (schedule.go); Session runs them.
//
// The words a person reads about any of it are made in package explain.
package session
