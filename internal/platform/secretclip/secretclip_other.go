//go:build !windows

package secretclip

// Set returns ErrUnsupported: see the package comment.
func Set(text string) error { return ErrUnsupported }
