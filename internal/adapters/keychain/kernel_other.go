//go:build !linux

package keychain

func kernelBackend() (Backend, error) { return nil, ErrNoKernelKeyring }

func kernelProbe() error { return ErrNoKernelKeyring }
