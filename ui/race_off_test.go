//go:build !race

package ui

// uiUpdateLimit is how long one UI update may take before
// BenchmarkUIUpdates calls the window frozen, in milliseconds: long
// enough for building cards, far shorter than a keychain or network call.
const uiUpdateLimit = 100 // ms
