package keychain

import (
	"strconv"
	"unicode/utf8"
)

const (
	// chunkSize is the most bytes one keychain secret holds. Windows
	// Credential Manager refuses more than 2,560; go-keyring on macOS sends
	// the secret base64-encoded on one `security -i` command line that must
	// stay under 4,096 bytes (2,000 bytes become about 2,700). Small secrets
	// also keep the Secret Service fast.
	chunkSize = 2000
	// maxRecord bounds one account's record, so a runaway claims map cannot
	// fill the keychain.
	maxRecord = 256 << 10
	// maxChunks is the most chunks a valid head may name.
	maxChunks = (maxRecord + chunkSize - 1) / chunkSize
)

// split cuts payload into chunks of at most chunkSize bytes. Cuts fall on
// UTF-8 boundaries, so every chunk is valid text for keychains that treat
// secrets as text.
func split(payload []byte) []string {
	var chunks []string
	for len(payload) > 0 {
		end := min(chunkSize, len(payload))
		for end < len(payload) && end > chunkSize-utf8.UTFMax && !utf8.RuneStart(payload[end]) {
			end--
		}
		chunks = append(chunks, string(payload[:end]))
		payload = payload[end:]
	}
	return chunks
}

// chunkKey names chunk i of generation gen of the record whose head is name.
func chunkKey(name string, gen uint64, i int) string {
	return name + "/" + strconv.FormatUint(gen, 10) + "/" + strconv.Itoa(i)
}

// accountName is the key of an account's head entry.
func accountName(id string) string { return "account/" + id }

// validID reports whether id can be an account ID: it becomes part of
// keychain keys, so it must not contain the separator.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		ok := r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_'
		if !ok {
			return false
		}
	}
	return true
}
