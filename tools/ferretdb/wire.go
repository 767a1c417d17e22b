package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// The few pieces of the MongoDB wire protocol the proxy needs: message framing, OP_MSG flags and
// checksum, and the command document of OP_MSG and legacy OP_QUERY requests.

const (
	headerLen = 16
	// MongoDB's maxMessageSizeBytes (48 MB), with room for the header and sections.
	maxMessageLen = 48_000_000 + 64*1024

	opQuery = 2004
	opMsg   = 2013

	flagChecksumPresent = uint32(1 << 0)
	flagMoreToCome      = uint32(1 << 1)
	flagExhaustAllowed  = uint32(1 << 16)
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// message is one complete wire protocol message, header included.
type message []byte

func (m message) requestID() int32  { return int32(binary.LittleEndian.Uint32(m[4:8])) }
func (m message) responseTo() int32 { return int32(binary.LittleEndian.Uint32(m[8:12])) }
func (m message) opCode() int32     { return int32(binary.LittleEndian.Uint32(m[12:16])) }

// flags are an OP_MSG's flag bits (0 for any other message).
func (m message) flags() uint32 {
	if m.opCode() != opMsg || len(m) < headerLen+4 {
		return 0
	}
	return binary.LittleEndian.Uint32(m[16:20])
}

// moreToCome: the sender expects no reply (unacknowledged write, w:0).
func (m message) moreToCome() bool { return m.flags()&flagMoreToCome != 0 }

// readMessage reads one message; its length must be sane before anything is allocated.
func readMessage(r io.Reader) (message, error) {
	var header [headerLen]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	n := int(int32(binary.LittleEndian.Uint32(header[:4])))
	if n < headerLen || n > maxMessageLen {
		return nil, fmt.Errorf("invalid message length %d", n)
	}
	m := make(message, n)
	copy(m, header[:])
	if _, err := io.ReadFull(r, m[headerLen:]); err != nil {
		return nil, err
	}
	return m, nil
}

// clearExhaustAllowed stops a client from asking for a stream of replies to one request: the
// proxy relays exactly one reply per request. The checksum covers the flags, so it is recomputed.
func clearExhaustAllowed(m message) {
	flags := m.flags()
	if flags&flagExhaustAllowed == 0 {
		return
	}
	binary.LittleEndian.PutUint32(m[16:20], flags&^flagExhaustAllowed)
	if flags&flagChecksumPresent != 0 && len(m) >= headerLen+8 {
		end := len(m) - crc32.Size
		binary.LittleEndian.PutUint32(m[end:], crc32.Checksum(m[:end], castagnoli))
	}
}

var errMalformed = errors.New("malformed message")

// commandDocument is the BSON document naming the command: an OP_MSG's body section, or an
// OP_QUERY's query (the Node driver's first handshake is a legacy OP_QUERY isMaster).
func commandDocument(m message) ([]byte, error) {
	switch m.opCode() {
	case opMsg:
		return msgBody(m)
	case opQuery:
		return queryDocument(m)
	default:
		return nil, fmt.Errorf("opcode %d", m.opCode())
	}
}

// msgBody finds the one kind-0 section of an OP_MSG (kind-1 sections are document sequences).
func msgBody(m message) ([]byte, error) {
	end := len(m)
	if m.flags()&flagChecksumPresent != 0 {
		end -= crc32.Size
	}
	for off := headerLen + 4; off < end; {
		kind := m[off]
		off++
		size, err := int32At(m[:end], off)
		if err != nil {
			return nil, err
		}
		switch kind {
		case 0:
			return m[off : off+size], nil
		case 1:
			off += size
		default:
			return nil, errMalformed
		}
	}
	return nil, errMalformed
}

// queryDocument skips OP_QUERY's flags, collection name, skip and limit.
func queryDocument(m message) ([]byte, error) {
	off := headerLen + 4
	if off > len(m) {
		return nil, errMalformed
	}
	name := bytes.IndexByte(m[off:], 0)
	if name < 0 {
		return nil, errMalformed
	}
	off += name + 1 + 8
	size, err := int32At(m, off)
	if err != nil {
		return nil, err
	}
	return m[off : off+size], nil
}

// int32At reads a length prefix at off and checks that that many bytes follow.
func int32At(b []byte, off int) (int, error) {
	if off+4 > len(b) {
		return 0, errMalformed
	}
	size := int(int32(binary.LittleEndian.Uint32(b[off:])))
	if size < 5 || off+size > len(b) {
		return 0, errMalformed
	}
	return size, nil
}
