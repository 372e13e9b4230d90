package auth

import (
	"net"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestFloods: during one attempt, 200 connections that send half a
// request and wait, and 1,000 forged callbacks, leave the attempt waiting
// and answering; the real callback then completes it. (How fast is a
// benchmark's business; the deadline here only catches a hang.)
func TestFloods(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())

	var idle []net.Conn
	defer func() {
		for _, c := range idle {
			c.Close()
		}
	}()
	for range 200 {
		c, err := net.Dial("tcp", a.redirect.Host)
		if err != nil {
			t.Fatalf("half-open connection %d: %v", len(idle), err)
		}
		c.Write([]byte("GET /callback?state=")) // and never the rest
		idle = append(idle, c)
	}

	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxConnsPerHost: 50}}
	var refused atomic.Int32
	var wg sync.WaitGroup
	forged := a.RedirectURI() + "?" + url.Values{"state": {"forged"}, "code": {"stolen"}}.Encode()
	for range 1000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Get(forged)
			if err == nil {
				if resp.StatusCode == http.StatusBadRequest {
					refused.Add(1)
				}
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	if n := refused.Load(); n != 1000 {
		t.Errorf("%d of 1,000 forged callbacks were refused with 400", n)
	}
	if _, done := ended(a); done {
		t.Fatal("the flood ended the attempt")
	}
	if len(p.forms) != 0 {
		t.Fatalf("a forged callback reached the token endpoint")
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		status, _ := callback(t, a, "GET", "/callback", url.Values{"state": {a.state}, "code": {"real"}}, "")
		if status != http.StatusOK {
			t.Errorf("the real callback: HTTP %d", status)
		}
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the real callback did not complete during the flood")
	}
	if r, ok := ended(a); !ok || r.err != nil || r.conn == nil {
		t.Fatalf("the attempt ended with %+v", r)
	}
}
