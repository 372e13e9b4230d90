package keychain

import "testing"

func init() {
	systemSuites = append(systemSuites,
		systemSuite{"secret service", func(t *testing.T) func() *Store {
			service := needSecretService(t)
			return func() *Store { return New(service) }
		}},
		systemSuite{"kernel keyring", func(t *testing.T) func() *Store {
			ring := needKernelKeyring(t)
			return func() *Store { return kernelStore(testService, ring) }
		}},
	)
}
