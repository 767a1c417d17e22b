package main

import "fmt"

// lockMode says how a request takes the process-wide lock.
type lockMode int

const (
	// noLock: handshakes and pings touch no data, and must answer even while a write runs.
	noLock lockMode = iota
	// shared: commands that only read run side by side.
	shared
	// exclusive: everything else, including any command or opcode not listed below.
	exclusive
)

func (m lockMode) String() string {
	return [...]string{"none", "shared", "exclusive"}[m]
}

var unlockedCommands = set("hello", "isMaster", "ismaster", "ping")

var readCommands = set(
	"find", "aggregate", "count", "distinct", "getMore", "killCursors",
	"listIndexes", "listCollections", "listDatabases", "dbStats", "collStats", "dataSize",
	"buildInfo", "buildinfo", "connectionStatus", "getParameter", "serverStatus", "hostInfo",
	"whatsmyuri", "getLog", "getCmdLineOpts",
)

func set(names ...string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, n := range names {
		s[n] = true
	}
	return s
}

// classify names a request's command and the lock it needs. Anything it cannot read is exclusive.
func classify(m message) (string, lockMode) {
	doc, err := commandDocument(m)
	if err != nil {
		return fmt.Sprintf("opcode %d", m.opCode()), exclusive
	}
	els, err := elements(doc)
	if err != nil || len(els) == 0 {
		return "malformed", exclusive
	}
	name := els[0].key
	// A legacy OP_QUERY may wrap its command: {$query: {isMaster: 1}, $readPreference: …}.
	if name == "$query" && els[0].kind == bsonDocument {
		if inner, err := firstKey(els[0].value); err == nil {
			name = inner
		}
	}
	switch {
	case unlockedCommands[name]:
		return name, noLock
	case m.opCode() == opMsg && readCommands[name] && !(name == "aggregate" && writesOutput(els)):
		return name, shared
	default:
		return name, exclusive
	}
}

// writesOutput: an aggregation whose pipeline has an $out or $merge stage writes a collection.
func writesOutput(command []element) bool {
	for _, el := range command {
		if el.key != "pipeline" || el.kind != bsonArray {
			continue
		}
		stages, err := elements(el.value)
		if err != nil {
			return true
		}
		for _, stage := range stages {
			if stage.kind != bsonDocument {
				return true
			}
			name, err := firstKey(stage.value)
			if err != nil || name == "$out" || name == "$merge" {
				return true
			}
		}
	}
	return false
}
