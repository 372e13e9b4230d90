//go:build !unix

package httpclient

// checkCAFile has nothing to check where files have no Unix permission
// bits: on Windows a file's ACL says who may change it, and a file in the
// person's own profile is theirs alone by default.
func checkCAFile(string) error { return nil }
