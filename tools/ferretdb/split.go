package main

import (
	"encoding/binary"
	"math"
	"strconv"
)

// An `update` command carrying several statements (one bulkWrite of updateOne/updateMany/
// replaceOne) is sent to FerretDB one statement at a time.
//
// Why: FerretDB 1.24.2's MsgUpdate opens a query iterator per statement and closes it with a
// `defer` inside its loop, so every iterator stays open until the command ends, each holding one
// of the 100 SQLite connections of its pool (SetMaxOpenConns(100)). Around 100 statements the
// next one waits for a connection that only the command itself can give back: the command never
// returns, and every later write waits behind it forever. One statement per command holds at most
// two connections.
//
// One at a time also gives MongoDB's answer where FerretDB's differs: the index of an upserted
// document and of a write error is its statement's index in the client's command (FerretDB counts
// upserts, and reports every error at index 0), an ordered command stops at its first write
// error and an unordered one carries on (FerretDB stops at the first error either way).

// updateCommand is an update request taken apart: its command fields and its statements.
type updateCommand struct {
	fields     []element // everything but `updates`, in order (the command name first)
	statements [][]byte  // each statement's BSON document
	ordered    bool
	moreToCome bool
}

// parseUpdate reads an OP_MSG `update` whose statements are in the body's `updates` array or in a
// document sequence named `updates`. ok is false for anything else (relayed as it is).
func parseUpdate(m message) (updateCommand, bool) {
	if m.opCode() != opMsg {
		return updateCommand{}, false
	}
	body, err := msgBody(m)
	if err != nil {
		return updateCommand{}, false
	}
	els, err := elements(body)
	if err != nil || len(els) == 0 || els[0].key != "update" {
		return updateCommand{}, false
	}
	cmd := updateCommand{ordered: true, moreToCome: m.moreToCome()}
	for _, el := range els {
		switch {
		case el.key == "updates" && el.kind == bsonArray:
			items, err := elements(el.value)
			if err != nil {
				return updateCommand{}, false
			}
			for _, item := range items {
				if item.kind != bsonDocument {
					return updateCommand{}, false
				}
				cmd.statements = append(cmd.statements, item.value)
			}
		case el.key == "updates":
			return updateCommand{}, false
		case el.key == "ordered" && el.kind == bsonBoolean:
			cmd.ordered = el.value[0] != 0
			cmd.fields = append(cmd.fields, el)
		default:
			cmd.fields = append(cmd.fields, el)
		}
	}
	docs, ok := documentSequence(m, "updates")
	if !ok {
		return updateCommand{}, false
	}
	cmd.statements = append(cmd.statements, docs...)
	return cmd, true
}

// documentSequence is the documents of the OP_MSG's kind-1 sections with that identifier.
func documentSequence(m message, identifier string) ([][]byte, bool) {
	end := len(m)
	if m.flags()&flagChecksumPresent != 0 {
		end -= 4
	}
	var docs [][]byte
	for off := headerLen + 4; off < end; {
		kind := m[off]
		off++
		size, err := int32At(m[:end], off)
		if err != nil {
			return nil, false
		}
		if kind == 1 {
			section := m[off+4 : off+size]
			at := 0
			for at < len(section) && section[at] != 0 {
				at++
			}
			if at == len(section) {
				return nil, false
			}
			name := string(section[:at])
			for at++; at < len(section); {
				n, err := int32At(section, at)
				if err != nil {
					return nil, false
				}
				if name == identifier {
					docs = append(docs, section[at:at+n])
				}
				at += n
			}
		}
		off += size
	}
	return docs, true
}

// single is the command for one statement, as an OP_MSG with that request id, no flag and the
// statement in the body.
func (c updateCommand) single(statement []byte, requestID int32) message {
	fields := append([]element{}, c.fields...)
	fields = append(fields, element{kind: bsonArray, key: "updates", value: arrayOf([][]byte{statement})})
	return opMsgMessage(requestID, 0, document(fields))
}

// updateTotals merges the replies of the statements, in order, into one MongoDB reply.
type updateTotals struct {
	n, nModified int64
	upserted     [][]byte
	writeErrors  [][]byte
}

// add folds in the reply to statement `index`; it says whether that statement failed.
func (t *updateTotals) add(index int, reply message) (failed bool, err error) {
	body, err := msgBody(reply)
	if err != nil {
		return false, err
	}
	els, err := elements(body)
	if err != nil {
		return false, err
	}
	var ok bool
	var code, errmsg *element
	for i := range els {
		el := &els[i]
		switch el.key {
		case "ok":
			ok = number(*el) == 1
		case "n":
			t.n += int64(number(*el))
		case "nModified":
			t.nModified += int64(number(*el))
		case "code":
			code = el
		case "errmsg":
			errmsg = el
		case "upserted", "writeErrors":
			items, err := elements(el.value)
			if err != nil {
				return false, err
			}
			for _, item := range items {
				doc, err := withIndex(item.value, index)
				if err != nil {
					return false, err
				}
				if el.key == "upserted" {
					t.upserted = append(t.upserted, doc)
				} else {
					t.writeErrors = append(t.writeErrors, doc)
					failed = true
				}
			}
		}
	}
	if !ok {
		// A command error about one statement is that statement's write error, as on MongoDB.
		fields := []element{int32Element("index", int32(index))}
		if code != nil {
			fields = append(fields, int32Element("code", int32(number(*code))))
		}
		if errmsg != nil {
			fields = append(fields, *errmsg)
		}
		t.writeErrors = append(t.writeErrors, document(fields))
		failed = true
	}
	return failed, nil
}

// reply is the merged answer to the client's request.
func (t *updateTotals) reply(responseTo int32) message {
	fields := []element{int32Element("n", clampInt32(t.n))}
	fields = append(fields, int32Element("nModified", clampInt32(t.nModified)))
	if len(t.upserted) > 0 {
		fields = append(fields, element{kind: bsonArray, key: "upserted", value: arrayOf(t.upserted)})
	}
	if len(t.writeErrors) > 0 {
		fields = append(fields, element{kind: bsonArray, key: "writeErrors", value: arrayOf(t.writeErrors)})
	}
	fields = append(fields, doubleElement("ok", 1))
	m := opMsgMessage(0, 0, document(fields))
	binary.LittleEndian.PutUint32(m[8:], uint32(responseTo))
	return m
}

// withIndex is the document with its `index` field set to the statement's index.
func withIndex(doc []byte, index int) ([]byte, error) {
	els, err := elements(doc)
	if err != nil {
		return nil, err
	}
	for i := range els {
		if els[i].key == "index" {
			els[i] = int32Element("index", int32(index))
		}
	}
	return document(els), nil
}

// number reads an int32, int64 or double field (FerretDB's counters are int32).
func number(el element) float64 {
	switch el.kind {
	case bsonInt32:
		return float64(int32(binary.LittleEndian.Uint32(el.value)))
	case bsonInt64:
		return float64(int64(binary.LittleEndian.Uint64(el.value)))
	case bsonDouble:
		return math.Float64frombits(binary.LittleEndian.Uint64(el.value))
	}
	return math.NaN()
}

func clampInt32(v int64) int32 {
	return int32(min(v, math.MaxInt32))
}

func int32Element(key string, v int32) element {
	return element{kind: bsonInt32, key: key, value: binary.LittleEndian.AppendUint32(nil, uint32(v))}
}

func doubleElement(key string, v float64) element {
	return element{kind: bsonDouble, key: key, value: binary.LittleEndian.AppendUint64(nil, math.Float64bits(v))}
}

// document encodes fields as a BSON document.
func document(fields []element) []byte {
	out := []byte{0, 0, 0, 0}
	for _, f := range fields {
		out = append(out, f.kind)
		out = append(append(out, f.key...), 0)
		out = append(out, f.value...)
	}
	out = append(out, 0)
	binary.LittleEndian.PutUint32(out, uint32(len(out)))
	return out
}

// arrayOf encodes documents as a BSON array.
func arrayOf(docs [][]byte) []byte {
	fields := make([]element, len(docs))
	for i, d := range docs {
		fields[i] = element{kind: bsonDocument, key: strconv.Itoa(i), value: d}
	}
	return document(fields)
}

// opMsgMessage is an OP_MSG with one body section.
func opMsgMessage(requestID int32, flags uint32, body []byte) message {
	m := make(message, headerLen+4+1, headerLen+4+1+len(body))
	binary.LittleEndian.PutUint32(m[4:], uint32(requestID))
	binary.LittleEndian.PutUint32(m[12:], opMsg)
	binary.LittleEndian.PutUint32(m[16:], flags)
	m = append(m, body...)
	binary.LittleEndian.PutUint32(m[0:], uint32(len(m)))
	return m
}
