package main

import (
	"encoding/binary"
	"hash/crc32"
	"math"
)

// Builders for the hand-made messages the tests send. A field value is an int32, a bool, a
// float64, a string, a doc (nested document) or an array of docs.

type field struct {
	key   string
	value any
}

type doc []field

func (d doc) bson() []byte {
	body := []byte{}
	for _, f := range d {
		switch v := f.value.(type) {
		case int32:
			body = append(body, 0x10)
			body = append(append(body, f.key...), 0)
			body = binary.LittleEndian.AppendUint32(body, uint32(v))
		case bool:
			body = append(body, bsonBoolean)
			body = append(append(body, f.key...), 0)
			if v {
				body = append(body, 1)
			} else {
				body = append(body, 0)
			}
		case float64:
			body = append(body, bsonDouble)
			body = append(append(body, f.key...), 0)
			body = binary.LittleEndian.AppendUint64(body, math.Float64bits(v))
		case string:
			body = append(body, 0x02)
			body = append(append(body, f.key...), 0)
			body = binary.LittleEndian.AppendUint32(body, uint32(len(v)+1))
			body = append(append(body, v...), 0)
		case doc:
			body = append(body, bsonDocument)
			body = append(append(body, f.key...), 0)
			body = append(body, v.bson()...)
		case []doc:
			items := doc{}
			for i, item := range v {
				items = append(items, field{string(rune('0' + i)), item})
			}
			body = append(body, bsonArray)
			body = append(append(body, f.key...), 0)
			body = append(body, items.bson()...)
		default:
			panic("unsupported test value")
		}
	}
	out := binary.LittleEndian.AppendUint32(nil, uint32(4+len(body)+1))
	return append(append(out, body...), 0)
}

func withHeader(requestID, responseTo, opCode int32, body []byte) message {
	m := binary.LittleEndian.AppendUint32(nil, uint32(headerLen+len(body)))
	m = binary.LittleEndian.AppendUint32(m, uint32(requestID))
	m = binary.LittleEndian.AppendUint32(m, uint32(responseTo))
	m = binary.LittleEndian.AppendUint32(m, uint32(opCode))
	return append(m, body...)
}

// opMsgOf is an OP_MSG with one body section, and a valid checksum when the flag asks for one.
func opMsgOf(requestID int32, flags uint32, command doc) message {
	body := binary.LittleEndian.AppendUint32(nil, flags)
	body = append(append(body, 0), command.bson()...)
	if flags&flagChecksumPresent != 0 {
		body = append(body, 0, 0, 0, 0)
	}
	m := withHeader(requestID, 0, opMsg, body)
	if flags&flagChecksumPresent != 0 {
		end := len(m) - 4
		binary.LittleEndian.PutUint32(m[end:], crc32.Checksum(m[:end], castagnoli))
	}
	return m
}

// opQueryOf is a legacy OP_QUERY on db.$cmd, as drivers send their first handshake.
func opQueryOf(requestID int32, command doc) message {
	body := binary.LittleEndian.AppendUint32(nil, 0)
	body = append(append(body, "admin.$cmd"...), 0)
	body = binary.LittleEndian.AppendUint32(body, 0)
	body = binary.LittleEndian.AppendUint32(body, uint32(0xffffffff)) // numberToReturn -1
	return withHeader(requestID, 0, opQuery, append(body, command.bson()...))
}

// replyTo is FerretDB's answer to a request: an OP_MSG {ok: 1, to: <request id>}.
func replyTo(req message) message {
	reply := opMsgOf(0, 0, doc{{"ok", int32(1)}, {"to", req.requestID()}})
	binary.LittleEndian.PutUint32(reply[8:], uint32(req.requestID()))
	return reply
}
