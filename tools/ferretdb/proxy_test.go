package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeFerretDB answers every message it receives, moreToCome included, as FerretDB 1.24 does.
// handle, when set, runs before the answer (to record, delay or count requests).
func fakeFerretDB(t *testing.T, handle func(message)) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "fdb-test-") // t.TempDir() can exceed a socket path's 108 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	socket := filepath.Join(dir, "s")
	ln, err := net.Listen("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				for {
					req, err := readMessage(r)
					if err != nil {
						return
					}
					if handle != nil {
						handle(req)
					}
					if _, err := conn.Write(replyTo(req)); err != nil {
						return
					}
				}
			}()
		}
	}()
	return socket
}

// startProxy serves on a loopback port and returns that address and the proxy's log.
func startProxy(t *testing.T, backend string, slow time.Duration) (string, *syncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	p := &proxy{backend: backend, slow: slow, log: slog.New(slog.NewTextHandler(logs, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = p.serve(ctx, ln) }()
	return ln.Addr().String(), logs
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type client struct {
	conn net.Conn
	r    *bufio.Reader
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return &client{conn, bufio.NewReader(conn)}
}

func (c *client) send(t *testing.T, m message) {
	t.Helper()
	if _, err := c.conn.Write(m); err != nil {
		t.Fatal(err)
	}
}

func (c *client) receive(t *testing.T) message {
	t.Helper()
	_ = c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	m, err := readMessage(c.r)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMoreToComeRequestGetsNoReplyAndLaterRepliesStayInStep(t *testing.T) {
	addr, _ := startProxy(t, fakeFerretDB(t, nil), time.Second)
	c := dial(t, addr)

	c.send(t, opMsgOf(1, flagMoreToCome, doc{{"insert", "c"}}))
	c.send(t, opMsgOf(2, 0, doc{{"find", "c"}}))
	if got := c.receive(t).responseTo(); got != 2 {
		t.Fatalf("first reply answers request %d, want 2", got)
	}

	_ = c.conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	if _, err := c.r.ReadByte(); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("unexpected extra bytes after the reply (err %v)", err)
	}
}

func TestLegacyHandshakeIsRelayed(t *testing.T) {
	addr, _ := startProxy(t, fakeFerretDB(t, nil), time.Second)
	c := dial(t, addr)
	c.send(t, opQueryOf(7, doc{{"isMaster", int32(1)}, {"helloOk", int32(1)}}))
	if got := c.receive(t).responseTo(); got != 7 {
		t.Fatalf("reply answers request %d, want 7", got)
	}
}

func TestExhaustAllowedNeverReachesFerretDB(t *testing.T) {
	seen := make(chan message, 1)
	addr, _ := startProxy(t, fakeFerretDB(t, func(m message) { seen <- m }), time.Second)
	c := dial(t, addr)
	c.send(t, opMsgOf(3, flagChecksumPresent|flagExhaustAllowed, doc{{"hello", int32(1)}}))
	c.receive(t)
	if got := (<-seen).flags(); got != flagChecksumPresent {
		t.Fatalf("FerretDB saw flags %#x", got)
	}
}

// inFlight counts requests of one command being handled at once, and the maximum reached.
type inFlight struct {
	command   string
	now, peak atomic.Int32
	hold      func()
}

func (f *inFlight) handle(m message) {
	if name, _ := classify(m); name != f.command {
		return
	}
	n := f.now.Add(1)
	for {
		peak := f.peak.Load()
		if n <= peak || f.peak.CompareAndSwap(peak, n) {
			break
		}
	}
	f.hold()
	f.now.Add(-1)
}

// concurrently sends the command from 8 connections at once and waits for every reply.
func concurrently(t *testing.T, addr, command string) {
	t.Helper()
	var wg sync.WaitGroup
	for i := range 8 {
		c := dial(t, addr)
		wg.Add(1)
		go func() {
			defer wg.Done()
			// t.Fatal may not be called from this goroutine.
			if _, err := c.conn.Write(opMsgOf(int32(i+1), 0, doc{{command, "c"}})); err != nil {
				t.Error(err)
				return
			}
			if _, err := readMessage(c.r); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func TestWritesFromManyConnectionsRunOneAtATime(t *testing.T) {
	updates := &inFlight{command: "update", hold: func() { time.Sleep(5 * time.Millisecond) }}
	addr, _ := startProxy(t, fakeFerretDB(t, updates.handle), time.Second)
	concurrently(t, addr, "update")
	if peak := updates.peak.Load(); peak != 1 {
		t.Fatalf("%d updates ran at once", peak)
	}
}

func TestReadsFromManyConnectionsShareTheLock(t *testing.T) {
	finds := &inFlight{command: "find"}
	// Each find waits (up to 2 s) until another one runs beside it.
	finds.hold = func() {
		for deadline := time.Now().Add(2 * time.Second); finds.peak.Load() < 2 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
	}
	addr, _ := startProxy(t, fakeFerretDB(t, finds.handle), time.Second)
	concurrently(t, addr, "find")
	if peak := finds.peak.Load(); peak < 2 {
		t.Fatal("reads never ran side by side")
	}
}

func TestCommandHoldingTheLockTooLongIsLogged(t *testing.T) {
	slowUpdate := func(m message) {
		if name, _ := classify(m); name == "update" {
			time.Sleep(30 * time.Millisecond)
		}
	}
	addr, logs := startProxy(t, fakeFerretDB(t, slowUpdate), 10*time.Millisecond)
	c := dial(t, addr)
	c.send(t, opMsgOf(1, 0, doc{{"find", "c"}}))
	c.receive(t)
	c.send(t, opMsgOf(2, 0, doc{{"update", "c"}}))
	c.receive(t)
	out := logs.String()
	if !strings.Contains(out, "command=update target=c lock=exclusive") || strings.Contains(out, "command=find") {
		t.Fatalf("log = %q", out)
	}
}
