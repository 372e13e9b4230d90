//go:build race

package ui

// uiUpdateLimit is how long one UI update may take before
// BenchmarkUIUpdates calls the window frozen: the race detector makes
// everything about ten times slower, so the limit is too.
const uiUpdateLimit = 1000 // ms
