package main

import (
	"bytes"
	"encoding/binary"
)

// Just enough BSON to read a command's name and an aggregation's stage names, and to take an
// update command apart (split.go); values are skipped by size, decoded only where needed.

// element is one top-level field of a BSON document.
type element struct {
	kind  byte
	key   string
	value []byte
}

const (
	bsonDouble   = 0x01
	bsonString   = 0x02
	bsonDocument = 0x03
	bsonArray    = 0x04
	bsonBoolean  = 0x08
	bsonInt32    = 0x10
	bsonInt64    = 0x12
)

// elements splits a BSON document into its top-level fields.
func elements(doc []byte) ([]element, error) {
	size, err := int32At(doc, 0)
	if err != nil || doc[size-1] != 0 {
		return nil, errMalformed
	}
	var out []element
	for off := 4; off < size-1; {
		kind := doc[off]
		off++
		keyLen := bytes.IndexByte(doc[off:size-1], 0)
		if keyLen < 0 {
			return nil, errMalformed
		}
		key := string(doc[off : off+keyLen])
		off += keyLen + 1
		n, err := valueSize(kind, doc[off:size-1])
		if err != nil {
			return nil, err
		}
		out = append(out, element{kind: kind, key: key, value: doc[off : off+n]})
		off += n
	}
	return out, nil
}

// valueSize is the length of the value of the given BSON type at the start of b.
func valueSize(kind byte, b []byte) (int, error) {
	prefixed := func(extra int) (int, error) {
		if len(b) < 4 {
			return 0, errMalformed
		}
		return int(int32(binary.LittleEndian.Uint32(b))) + extra, nil
	}
	var n int
	var err error
	switch kind {
	case 0x06, 0x0A, 0x7F, 0xFF: // undefined, null, max key, min key
	case 0x08: // boolean
		n = 1
	case 0x10: // int32
		n = 4
	case 0x01, 0x09, 0x11, 0x12: // double, date, timestamp, int64
		n = 8
	case 0x07: // ObjectId
		n = 12
	case 0x13: // decimal128
		n = 16
	case 0x02, 0x0D, 0x0E: // string, JavaScript, symbol
		n, err = prefixed(4)
	case bsonDocument, bsonArray, 0x0F: // document, array, code with scope
		n, err = prefixed(0)
	case 0x05: // binary: length, subtype, bytes
		n, err = prefixed(5)
	case 0x0C: // DBPointer: string, ObjectId
		n, err = prefixed(4 + 12)
	case 0x0B: // regex: pattern and options, two C strings
		pattern := bytes.IndexByte(b, 0)
		if pattern < 0 {
			return 0, errMalformed
		}
		options := bytes.IndexByte(b[pattern+1:], 0)
		if options < 0 {
			return 0, errMalformed
		}
		n = pattern + 1 + options + 1
	default:
		return 0, errMalformed
	}
	if err != nil || n < 0 || n > len(b) {
		return 0, errMalformed
	}
	return n, nil
}

// firstKey is a document's first field name: a command's name.
func firstKey(doc []byte) (string, error) {
	els, err := elements(doc)
	if err != nil || len(els) == 0 {
		return "", errMalformed
	}
	return els[0].key, nil
}
