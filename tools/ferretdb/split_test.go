package main

import (
	"encoding/binary"
	"testing"
	"time"
)

// fieldsOf reads a reply's top-level fields (ints and doubles as float64, arrays as documents).
func fieldsOf(t *testing.T, m message) map[string]element {
	t.Helper()
	body, err := msgBody(m)
	if err != nil {
		t.Fatal(err)
	}
	els, err := elements(body)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]element{}
	for _, el := range els {
		out[el.key] = el
	}
	return out
}

// indexesOf is the `index` of each document of an array field.
func indexesOf(t *testing.T, array element) []int {
	t.Helper()
	items, err := elements(array.value)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, item := range items {
		els, err := elements(item.value)
		if err != nil {
			t.Fatal(err)
		}
		for _, el := range els {
			if el.key == "index" {
				out = append(out, int(number(el)))
			}
		}
	}
	return out
}

func statement(i int32) doc { return doc{{"q", doc{{"k", i}}}, {"u", doc{{"v", i}}}} }

func TestUpdateOfSeveralStatementsReachesFerretDBOneStatementAtATime(t *testing.T) {
	seen := make(chan message, 10)
	addr, _ := startProxy(t, fakeFerretDB(t, func(m message) { seen <- m }), time.Second)
	c := dial(t, addr)
	c.send(t, opMsgOf(9, 0, doc{
		{"update", "c"},
		{"updates", []doc{statement(0), statement(1), statement(2)}},
		{"$db", "x"},
	}))
	reply := c.receive(t)
	if reply.responseTo() != 9 {
		t.Fatalf("reply answers %d, want 9", reply.responseTo())
	}
	if ok := number(fieldsOf(t, reply)["ok"]); ok != 1 {
		t.Fatalf("ok = %v", ok)
	}
	for i := range 3 {
		cmd, ok := parseUpdate(<-seen)
		if !ok || len(cmd.statements) != 1 || cmd.fields[0].key != "update" {
			t.Fatalf("command %d: %+v", i, cmd)
		}
		got, _ := elements(cmd.statements[0])
		want, _ := elements(statement(int32(i)).bson())
		if string(got[0].value) != string(want[0].value) {
			t.Fatalf("command %d carries another statement", i)
		}
	}
}

func TestStatementsInADocumentSequenceAreReadToo(t *testing.T) {
	m := opMsgOf(1, 0, doc{{"update", "c"}, {"ordered", false}, {"$db", "x"}})
	seq := []byte{1, 0, 0, 0, 0}
	seq = append(append(seq, "updates"...), 0)
	for i := range int32(2) {
		seq = append(seq, statement(i).bson()...)
	}
	binary.LittleEndian.PutUint32(seq[1:], uint32(len(seq)-1))
	m = append(m, seq...)
	binary.LittleEndian.PutUint32(m, uint32(len(m)))
	cmd, ok := parseUpdate(m)
	if !ok || len(cmd.statements) != 2 || cmd.ordered {
		t.Fatalf("parsed %+v, ok %v", cmd, ok)
	}
}

// ferretReply is one of FerretDB's answers to a one-statement update.
func ferretReply(fields doc) message { return opMsgOf(0, 0, fields) }

func TestRepliesAreMergedWithTheClientsStatementIndexes(t *testing.T) {
	var totals updateTotals
	replies := []message{
		ferretReply(doc{{"n", int32(1)}, {"nModified", int32(1)}, {"ok", 1.0}}),
		// FerretDB numbers upserts from 0 within its command, and write errors at 0.
		ferretReply(doc{{"n", int32(1)}, {"upserted", []doc{{{"index", int32(0)}, {"_id", "a"}}}}, {"nModified", int32(0)}, {"ok", 1.0}}),
		ferretReply(doc{{"ok", 1.0}, {"writeErrors", []doc{{{"index", int32(0)}, {"code", int32(11000)}, {"errmsg", "E11000"}}}}}),
		ferretReply(doc{{"ok", 0.0}, {"errmsg", "boom"}, {"code", int32(2)}}),
		ferretReply(doc{{"n", int32(1)}, {"upserted", []doc{{{"index", int32(0)}, {"_id", "b"}}}}, {"nModified", int32(0)}, {"ok", 1.0}}),
	}
	var failures []int
	for i, r := range replies {
		failed, err := totals.add(i, r)
		if err != nil {
			t.Fatal(err)
		}
		if failed {
			failures = append(failures, i)
		}
	}
	if len(failures) != 2 || failures[0] != 2 || failures[1] != 3 {
		t.Fatalf("failed statements %v", failures)
	}
	merged := fieldsOf(t, totals.reply(42))
	if n, m := number(merged["n"]), number(merged["nModified"]); n != 3 || m != 1 {
		t.Fatalf("n %v nModified %v", n, m)
	}
	if got := indexesOf(t, merged["upserted"]); len(got) != 2 || got[0] != 1 || got[1] != 4 {
		t.Fatalf("upserted indexes %v", got)
	}
	if got := indexesOf(t, merged["writeErrors"]); len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Fatalf("write error indexes %v", got)
	}
}
