package sandbox

import (
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// TestServerClosesSlowAndIdleConnections plays slowloris-style clients on 127.0.0.1 against a
// server with short timeouts and checks the server closes each connection, within a bounded
// time, instead of holding it for as long as the client trickles.
func TestServerClosesSlowAndIdleConnections(t *testing.T) {
	srv, err := Start("127.0.0.1:0", Options{Timeouts: Timeouts{
		ReadHeader: 200 * time.Millisecond, Read: 400 * time.Millisecond,
		Write: time.Second, Idle: 300 * time.Millisecond,
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	addr := strings.TrimPrefix(srv.URLs().Base, "http://")

	tests := []struct {
		name    string
		first   string // sent at once
		trickle string // then sent a byte every 50ms, for as long as the server takes it
	}{
		{name: "headers a byte at a time",
			first:   "GET / HTTP/1.1\r\nHost: " + addr + "\r\n",
			trickle: strings.Repeat("X-Slow: yes\r\n", 100)},
		{name: "a body a byte at a time",
			first: "POST /truelayer/auth/connect/token HTTP/1.1\r\nHost: " + addr + "\r\n" +
				"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n",
			trickle: strings.Repeat("a", 10000)},
		{name: "idle after a request",
			first: "GET /.linkstep/client HTTP/1.1\r\nHost: " + addr + "\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// The bound of the test: far longer than any of the server's timeouts.
			if err := conn.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
				t.Fatal(err)
			}
			if _, err := io.WriteString(conn, tt.first); err != nil {
				t.Fatal(err)
			}
			stop := make(chan struct{})
			defer close(stop)
			go trickle(conn, tt.trickle, stop)

			start := time.Now()
			_, err = io.Copy(io.Discard, conn) // whatever the server answers, until it closes
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("the server still held the connection after %s", time.Since(start).Round(time.Millisecond))
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("the server closed the connection only after %s", took.Round(time.Millisecond))
			}
		})
	}
}

// trickle writes s to conn one byte every 50ms until it is all sent, a write fails or stop
// is closed.
func trickle(conn net.Conn, s string, stop <-chan struct{}) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for i := 0; i < len(s); i++ {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		if _, err := conn.Write([]byte{s[i]}); err != nil {
			return
		}
	}
}
