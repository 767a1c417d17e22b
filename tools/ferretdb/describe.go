package main

import "strings"

// describe names what a slow command touched, for the slow-lock log: its collection and the
// field names of its filter (`sheets {slug}`), never the values, which may be personal data.
func describe(m message) string {
	doc, err := commandDocument(m)
	if err != nil {
		return ""
	}
	els, err := elements(doc)
	if err != nil || len(els) == 0 {
		return ""
	}
	out := ""
	if els[0].kind == bsonString && len(els[0].value) > 5 {
		out = string(els[0].value[4 : len(els[0].value)-1])
	}
	if filter := filterOf(els); filter != nil {
		out += " {" + strings.Join(keysOf(filter), ", ") + "}"
	}
	return out
}

// filterOf finds a command's filter: `filter` (find), `query` (count, findAndModify), or the
// first statement's `q` (update, delete).
func filterOf(els []element) []byte {
	for _, el := range els {
		switch {
		case el.kind == bsonDocument && (el.key == "filter" || el.key == "query"):
			return el.value
		case el.kind == bsonArray && (el.key == "updates" || el.key == "deletes"):
			statements, err := elements(el.value)
			if err != nil || len(statements) == 0 || statements[0].kind != bsonDocument {
				return nil
			}
			fields, err := elements(statements[0].value)
			if err != nil {
				return nil
			}
			for _, f := range fields {
				if f.key == "q" && f.kind == bsonDocument {
					return f.value
				}
			}
		}
	}
	return nil
}

func keysOf(doc []byte) []string {
	els, err := elements(doc)
	if err != nil {
		return nil
	}
	keys := make([]string, len(els))
	for i, el := range els {
		keys[i] = el.key
	}
	return keys
}
