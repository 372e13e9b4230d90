//go:build !windows

package instance

import (
	"errors"
	"net"
	"syscall"
	"time"
)

// listen makes the channel's end at path: a Unix-domain socket there.
func listen(path string) (net.Listener, error) { return net.Listen("unix", path) }

// dial reaches the end listening at path by deadline.
func dial(path string, deadline time.Time) (net.Conn, error) {
	return net.DialTimeout("unix", path, time.Until(deadline))
}

// isGone reports an end nobody listens on any more (its process was
// killed): the socket file refuses connections.
func isGone(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }
