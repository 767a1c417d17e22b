// Command ferretdb runs FerretDB v1.24.2 (SQLite backend) behind a locking proxy.
//
// FerretDB listens only on a Unix socket in a private directory; this program listens on the TCP
// address and relays every client connection to it through proxy (proxy.go), which makes
// single-document writes atomic. Built by src/lib/db/ferretdb.ts, which stamps the hash of these
// sources into the binary (see --version).
//
// Why our own main at all: `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a
// binary that panics at start-up (the module zip lacks build/version/version.txt), and the
// official binary has no lock.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// sourceHash identifies the sources this binary was built from: -ldflags "-X main.sourceHash=…".
var sourceHash = "unknown"

func main() {
	version := flag.Bool("version", false, "print version and exit")
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address clients connect to")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite URI (directory)")
	socket := flag.String("socket", "", "FerretDB's Unix socket, in a directory only this user can enter (default: a new temporary directory)")
	logLevel := flag.String("log-level", "error", "FerretDB's own log level: debug, info, warn or error")
	slow := flag.Duration("slow-lock", 500*time.Millisecond, "log commands holding the lock longer than this")
	flag.Parse()

	if *version {
		fmt.Printf("ferretdb v1.24.2 with write lock (sources %s)\n", sourceHash)
		return
	}
	if err := run(*listenAddr, *sqliteURL, *socket, *logLevel, *slow); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(listenAddr, sqliteURL, socket, logLevel string, slow time.Duration) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("invalid --log-level %q", logLevel)
	}
	stderr := func(l slog.Level) *slog.Logger {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
	}

	if socket == "" {
		dir, err := os.MkdirTemp("", "ferretdb-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		socket = filepath.Join(dir, "ferretdb.sock")
	}
	// A previous run killed with SIGKILL leaves its socket file behind.
	if err := os.Remove(socket); err != nil && !os.IsNotExist(err) {
		return err
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Logger:    stderr(level),
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}
	// FerretDB already listens on its socket; clients are let in only now.
	ln, err := net.Listen("tcp", listenAddr)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()
	p := &proxy{backend: socket, slow: slow, log: stderr(slog.LevelWarn)}
	err = p.serve(ctx, ln)
	stop()
	<-done
	return err
}
