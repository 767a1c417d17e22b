package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"
)

func TestClassify(t *testing.T) {
	pipeline := func(stages ...string) doc {
		list := []doc{}
		for _, s := range stages {
			list = append(list, doc{{s, doc{}}})
		}
		return doc{{"aggregate", "c"}, {"pipeline", list}, {"$db", "d"}}
	}
	cases := []struct {
		name    string
		msg     message
		command string
		mode    lockMode
	}{
		{"legacy handshake", opQueryOf(1, doc{{"isMaster", int32(1)}}), "isMaster", noLock},
		{"wrapped legacy handshake", opQueryOf(1, doc{{"$query", doc{{"ismaster", int32(1)}}}}), "ismaster", noLock},
		{"legacy query of data", opQueryOf(1, doc{{"find", "c"}}), "find", exclusive},
		{"hello", opMsgOf(1, 0, doc{{"hello", int32(1)}}), "hello", noLock},
		{"ping", pingMessage(-1), "ping", noLock},
		{"find", opMsgOf(1, 0, doc{{"find", "c"}, {"$db", "d"}}), "find", shared},
		{"getMore", opMsgOf(1, 0, doc{{"getMore", int32(7)}}), "getMore", shared},
		{"read-only aggregation", opMsgOf(1, 0, pipeline("$match", "$group")), "aggregate", shared},
		{"aggregation with $out", opMsgOf(1, 0, pipeline("$match", "$out")), "aggregate", exclusive},
		{"aggregation with $merge", opMsgOf(1, 0, pipeline("$merge")), "aggregate", exclusive},
		{"update", opMsgOf(1, 0, doc{{"update", "c"}}), "update", exclusive},
		{"findAndModify", opMsgOf(1, 0, doc{{"findAndModify", "c"}}), "findAndModify", exclusive},
		{"unknown command", opMsgOf(1, 0, doc{{"frobnicate", int32(1)}}), "frobnicate", exclusive},
		{"compressed message", withHeader(1, 0, 2012, make([]byte, 9)), "opcode 2012", exclusive},
		{"truncated OP_MSG", withHeader(1, 0, opMsg, []byte{0, 0, 0, 0, 0, 50, 0}), "opcode 2013", exclusive},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			command, mode := classify(c.msg)
			if command != c.command || mode != c.mode {
				t.Errorf("classify = %q, %v; want %q, %v", command, mode, c.command, c.mode)
			}
		})
	}
}

func TestClearExhaustAllowedKeepsOtherFlagsAndFixesTheChecksum(t *testing.T) {
	m := opMsgOf(1, flagChecksumPresent|flagExhaustAllowed, doc{{"hello", int32(1)}})
	clearExhaustAllowed(m)
	if got := m.flags(); got != flagChecksumPresent {
		t.Fatalf("flags = %#x, want only checksumPresent", got)
	}
	end := len(m) - 4
	if binary.LittleEndian.Uint32(m[end:]) != crc32.Checksum(m[:end], castagnoli) {
		t.Fatal("checksum not recomputed")
	}
	if command, _ := classify(m); command != "hello" {
		t.Fatalf("message no longer readable: %q", command)
	}
}

func TestClearExhaustAllowedLeavesOtherMessagesAlone(t *testing.T) {
	m := opMsgOf(1, flagMoreToCome, doc{{"insert", "c"}})
	before := bytes.Clone(m)
	clearExhaustAllowed(m)
	if !bytes.Equal(m, before) {
		t.Fatal("message changed")
	}
}

func TestReadMessageRejectsImpossibleLengths(t *testing.T) {
	for _, n := range []uint32{0, 15, maxMessageLen + 1, 0xffffffff} {
		header := binary.LittleEndian.AppendUint32(nil, n)
		header = append(header, make([]byte, 12)...)
		if _, err := readMessage(bytes.NewReader(header)); err == nil {
			t.Errorf("length %d accepted", n)
		}
	}
}

func TestElementsRejectsTruncatedDocuments(t *testing.T) {
	full := doc{{"find", "collection"}, {"filter", doc{{"a", int32(1)}}}}.bson()
	for cut := 1; cut < len(full); cut++ {
		truncated := bytes.Clone(full[:cut])
		if len(truncated) >= 4 {
			binary.LittleEndian.PutUint32(truncated, uint32(len(truncated)))
		}
		if _, err := elements(truncated); err == nil {
			t.Errorf("document cut at %d bytes accepted", cut)
		}
	}
}
