package main

import (
	"slices"
	"testing"
)

func TestReaderNote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Second pass: confirmed from an SEC-transcribing source.", ""},
		{"Second pass: deck FCF table 9,355 + 163 = 9,518 -> PR $9.52B.", "Deck FCF table 9,355 + 163 = 9,518 -> PR $9.52B."},
		{"Flagged approx because no source resolves. Check: 23,394 - 4,619 = 18,775.", "Check: 23,394 - 4,619 = 18,775."},
		{"opencapital 5.44B does not match. 0.233B is the lease part.", "opencapital 5.44B does not match. 0.233B is the lease part."},
		{"No figure was given on the call (first pass). As of 2025-08-12: an announcement.", "As of 2025-08-12: an announcement."},
		{"Source is a mangled blog repost of the PR text; confirmed by the Q3 release wording 'previous guidance of $30-34 billion'.", ""},
		{"Rounded ($0.1B) release wording; the $M figure 6,763 is only available from an uncitable deck transcription. DCD: 'up from $6.8bn'.",
			"Rounded ($0.1B) release wording. DCD: 'up from $6.8bn'."},
		{"Flagged approx because every source is unattributed; the value itself is consistent across them. Check: 1 + 1 = 2.", "Check: 1 + 1 = 2."},
		{"Components 37,256 + 1,969 = 39,225 (beautifydata; a vault); the release rounds it to $39.23B.",
			"Components 37,256 + 1,969 = 39,225 (beautifydata; a vault); the release rounds it to $39.23B."},
		{"Quarterly 5,548 + 7,747 = 13,295. PR full-year sentence not seen.", "Quarterly 5,548 + 7,747 = 13,295."},
	}
	for _, tc := range tests {
		if got := readerNote(tc.in); got != tc.want {
			t.Errorf("readerNote(%q)\n got  %q\n want %q", tc.in, got, tc.want)
		}
	}
}

func TestFilingsOf(t *testing.T) {
	src := "https://beatandraise.com/api/document/0001326801/0001326801-24-000069/R27.htm"
	e := refEntry{
		Source:     &src,
		Note:       "from the 8-K (https://www.sec.gov/Archives/edgar/data/1326801/000162828026028364/x.htm); 10-Q 0001628280-26-028364",
		CrossCheck: []any{"https://news.moomoo.com/translate/17139845160/8361838/1"},
	}
	want := []string{
		"https://www.sec.gov/Archives/edgar/data/1326801/000132680124000069/",
		"https://www.sec.gov/Archives/edgar/data/1326801/000162828026028364/",
	}
	if got := filingsOf(e); !slices.Equal(got, want) {
		t.Errorf("filingsOf = %q, want %q", got, want)
	}
	if got := filingsOf(refEntry{}); got != nil {
		t.Errorf("no accession: %q, want none", got)
	}
}

func TestCheckable(t *testing.T) {
	got := checkable([]string{"https://a.example/x", "an unattributed public GitHub file (graded Q&A benchmark sample)", "http://b.example"})
	if want := []string{"https://a.example/x", "http://b.example"}; !slices.Equal(got, want) {
		t.Errorf("checkable = %q, want %q", got, want)
	}
}
