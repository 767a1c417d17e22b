// Command ferretdb runs FerretDB v1.24.2 (SQLite backend) through its embeddable package.
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics at
// start-up because the module zip lacks the generated build/version/version.txt. Building the
// same server from our own main module avoids that check. The flags mirror the official CLI so
// that src/lib/db/ferretdb.ts can drive either binary the same way.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	version := flag.Bool("version", false, "print version and exit")
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "listen TCP address")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite URI (directory)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	// Accepted for compatibility with the official CLI; meaningless for the embedded server.
	flag.String("handler", "sqlite", "only sqlite is supported")
	flag.String("state-dir", ".", "ignored")
	flag.String("telemetry", "disable", "ignored")
	flag.String("debug-addr", "-", "ignored")
	flag.Parse()

	if *version {
		fmt.Println("ferretdb v1.24.2 (embedded build)")
		return
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		level = slog.LevelWarn
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: *sqliteURL,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
