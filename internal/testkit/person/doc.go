// Package person is a scripted stand-in for a human in a web browser, for
// tests and the end-to-end scripts: it reads the sandbox's real consent page
// (dev/sandbox), presses Allow or Deny, and visits where the server sends
// the browser. It speaks plain HTTP and HTML, so the app's own tests and
// the dev module's tools (dev/cmd/sandbox-person) share it without the
// app's module depending on the sandbox's server library.
//
// It is test code: the shipped app never imports it (TestShippedDependencies).
package person
