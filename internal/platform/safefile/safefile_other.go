//go:build !unix

package safefile

// Check has nothing to check where files have no Unix owner and mode
// bits: on Windows a file's ACL says who may change it.
func Check(string, ...int) error { return nil }
