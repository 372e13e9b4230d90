package httpclient

import (
	"errors"
	"io"
	"net/http"
)

// MaxBody is the most the app reads of any answer. The largest it expects
// is a key set or a token response of a few kilobytes; a server sending
// more is broken or hostile, and must not fill the memory.
const MaxBody = 1 << 20

// ErrBodyTooLarge means an answer was larger than MaxBody.
var ErrBodyTooLarge = errors.New("the server's answer was larger than 1 MiB, far more than any answer this app expects")

// capTransport caps every response body at the transport, so that no
// library above it (go-oidc reads whole bodies) can read more.
type capTransport struct{ next http.RoundTripper }

func (t capTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &cappedBody{body: resp.Body, left: MaxBody}
	return resp, nil
}

// cappedBody reads at most left more bytes, and fails rather than cut an
// answer short when there is more: a truncated JSON document would only
// fail later with a less useful message.
type cappedBody struct {
	body io.ReadCloser
	left int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var probe [1]byte
		if n, err := b.body.Read(probe[:]); n > 0 {
			return 0, ErrBodyTooLarge
		} else {
			return 0, err
		}
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.body.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *cappedBody) Close() error { return b.body.Close() }
