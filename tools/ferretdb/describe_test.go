package main

import "testing"

func TestDescribeNamesCollectionAndFilterFieldsWithoutValues(t *testing.T) {
	cases := []struct {
		name    string
		command doc
		want    string
	}{
		{"find", doc{{"find", "sheets"}, {"filter", doc{{"slug", "une-fiche-privee"}, {"status", "publiee"}}}, {"$db", "app"}}, "sheets {slug, status}"},
		{"update", doc{{"update", "meetings"}, {"updates", []doc{{{"q", doc{{"_id", int32(7)}, {"revision", int32(2)}}}, {"u", doc{{"$set", doc{{"x", int32(1)}}}}}}}}, {"$db", "app"}}, "meetings {_id, revision}"},
		{"delete", doc{{"delete", "registrations"}, {"deletes", []doc{{{"q", doc{{"email", "camille@exemple.fr"}}}, {"limit", int32(1)}}}}, {"$db", "app"}}, "registrations {email}"},
		{"insert", doc{{"insert", "responses"}, {"$db", "app"}}, "responses"},
	}
	for _, c := range cases {
		got := describe(opMsgOf(1, 0, c.command))
		if got != c.want {
			t.Errorf("%s: describe = %q, want %q", c.name, got, c.want)
		}
	}
}
