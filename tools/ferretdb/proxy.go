package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// proxy stands between clients and FerretDB, which listens only on a private Unix socket.
//
// FerretDB 1.24's SQLite handler reads a document and writes it back in separate steps, so two
// connections updating one document overwrite each other (40 concurrent $inc → 3). The proxy
// gives each client connection its own FerretDB connection and holds one process-wide lock from
// each request until FerretDB's reply: reads share it, everything else takes it alone, so
// single-document updates are atomic whatever the number of clients and processes.
type proxy struct {
	backend string // FerretDB's Unix socket
	lock    sync.RWMutex
	// Go's RWMutex makes new readers wait behind a waiting writer, so one long command stalls
	// everyone: commands holding the lock longer than this are logged.
	slow    time.Duration
	log     *slog.Logger
	fenceID atomic.Int32
}

// serve accepts client connections until ctx is cancelled (nil) or accepting fails.
func (p *proxy) serve(ctx context.Context, ln net.Listener) error {
	go func() {
		<-ctx.Done()
		_ = ln.Close()
	}()
	for {
		client, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		go p.relay(ctx, client)
	}
}

// relay carries one client connection's requests to its own FerretDB connection, one at a time.
func (p *proxy) relay(ctx context.Context, client net.Conn) {
	defer client.Close()
	backend, err := net.Dial("unix", p.backend)
	if err != nil {
		p.log.Error("cannot reach FerretDB", "error", err)
		return
	}
	defer backend.Close()
	stop := context.AfterFunc(ctx, func() { _ = client.Close() })
	defer stop()

	requests := bufio.NewReader(client)
	replies := bufio.NewReader(backend)
	for {
		req, err := readMessage(requests)
		if err != nil {
			return
		}
		reply, err := p.exchange(req, backend, replies)
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				p.log.Warn("FerretDB connection failed", "error", err)
			}
			return
		}
		if reply != nil {
			if _, err := client.Write(reply); err != nil {
				return
			}
		}
	}
}

// exchange runs one request under the lock its command needs and returns FerretDB's reply
// (nil for a moreToCome request, which expects none).
func (p *proxy) exchange(req message, backend io.Writer, replies *bufio.Reader) (message, error) {
	name, mode := classify(req)
	clearExhaustAllowed(req)
	if name == "update" {
		if cmd, ok := parseUpdate(req); ok && len(cmd.statements) > 1 {
			return p.exchangeStatements(req, cmd, backend, replies)
		}
	}
	return p.locked(name, mode, req, func() (message, error) { return p.roundTrip(req, backend, replies) })
}

// exchangeStatements sends an update's statements one at a time (split.go), each under the lock
// on its own: another client's request may run between two statements, as on MongoDB.
func (p *proxy) exchangeStatements(req message, cmd updateCommand, backend io.Writer, replies *bufio.Reader) (message, error) {
	var totals updateTotals
	for i, statement := range cmd.statements {
		single := cmd.single(statement, p.nextFenceID())
		reply, err := p.locked("update", exclusive, single, func() (message, error) {
			return p.roundTrip(single, backend, replies)
		})
		if err != nil {
			return nil, err
		}
		failed, err := totals.add(i, reply)
		if err != nil {
			return nil, err
		}
		if failed && cmd.ordered {
			break
		}
	}
	if cmd.moreToCome {
		return nil, nil
	}
	return totals.reply(req.requestID()), nil
}

// locked runs one exchange with FerretDB under the lock, and logs it when it held it too long.
func (p *proxy) locked(name string, mode lockMode, req message, exchange func() (message, error)) (message, error) {
	release := p.acquire(mode)
	start := time.Now()
	reply, err := exchange()
	release()
	if held := time.Since(start); mode != noLock && held > p.slow {
		p.log.Warn("command held the database lock",
			"command", name, "target", describe(req), "lock", mode.String(), "held", held.Round(time.Millisecond))
	}
	return reply, err
}

func (p *proxy) acquire(mode lockMode) (release func()) {
	switch mode {
	case shared:
		p.lock.RLock()
		return p.lock.RUnlock
	case exclusive:
		p.lock.Lock()
		return p.lock.Unlock
	default:
		return func() {}
	}
}

// roundTrip sends a request and reads replies up to the one answering it.
//
// FerretDB 1.24 answers moreToCome (w:0) requests anyway, which would shift every later reply on
// the connection by one. Such a request is followed by a ping of our own, and every reply up to
// the ping's is dropped: the next reply read belongs to the next request, and the write has
// finished before the lock is released.
func (p *proxy) roundTrip(req message, backend io.Writer, replies *bufio.Reader) (message, error) {
	if _, err := backend.Write(req); err != nil {
		return nil, err
	}
	awaited := req.requestID()
	if req.moreToCome() {
		fence := pingMessage(p.nextFenceID())
		if _, err := backend.Write(fence); err != nil {
			return nil, err
		}
		awaited = fence.requestID()
	}
	for {
		reply, err := readMessage(replies)
		if err != nil {
			return nil, err
		}
		if reply.responseTo() != awaited {
			continue
		}
		if req.moreToCome() {
			return nil, nil
		}
		return reply, nil
	}
}

// nextFenceID is negative: drivers number their requests from 1 upwards.
func (p *proxy) nextFenceID() int32 {
	return -1 - p.fenceID.Add(1)&0x3fffffff
}

// pingMessage is the OP_MSG {ping: 1, $db: "admin"}.
func pingMessage(requestID int32) message {
	admin := append(binary.LittleEndian.AppendUint32(nil, 6), "admin\x00"...)
	return opMsgMessage(requestID, 0, document([]element{
		int32Element("ping", 1),
		{kind: bsonString, key: "$db", value: admin},
	}))
}
