package main

import (
	"regexp"
	"slices"
	"strings"
)

// readerNote keeps the sentences of a reference note that tell a reader
// something about the figure (how it was derived, what it includes) and
// drops those that are the reference's research diary (see
// researchMarkers). A note that is all diary becomes empty.
func readerNote(note string) string {
	var kept []string
	for _, s := range sentences(note) {
		changed := false
		for _, p := range passPrefixes() {
			if rest, ok := strings.CutPrefix(s, p); ok && rest != "" {
				s, changed = rest, true
			}
		}
		// A sentence that opens as diary is about the research, all of it
		// ("Flagged approx because ...; the value is consistent across
		// them"); one that opens with a fact may still end in a diary
		// clause ("Rounded release wording; the $M figure is only in an
		// uncitable transcription"), which goes.
		clauses := clausesOf(s)
		if isDiary(clauses[0]) {
			continue
		}
		var useful []string
		for _, c := range clauses {
			if !isDiary(c) {
				useful = append(useful, c)
			}
		}
		if len(useful) == 0 {
			continue
		}
		if len(useful) < len(clauses) {
			ended := strings.HasSuffix(s, ".")
			s, changed = strings.Join(useful, "; "), true
			if ended && !strings.HasSuffix(s, ".") {
				s += "."
			}
		}
		if changed {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		kept = append(kept, s)
	}
	return strings.Join(kept, " ")
}

// isDiary reports whether text reads as the reference's research diary.
func isDiary(text string) bool {
	l := strings.ToLower(text)
	for _, m := range researchMarkers() {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// clausesOf splits a sentence at "; " outside parentheses, so a citation
// such as "(beautifydata; a vault)" stays whole.
func clausesOf(sentence string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(sentence); i++ {
		switch sentence[i] {
		case '(':
			depth++
		case ')':
			depth = max(depth-1, 0)
		case ';':
			if depth == 0 && i+1 < len(sentence) && sentence[i+1] == ' ' {
				out = append(out, strings.TrimSpace(sentence[start:i]))
				start = i + 2
			}
		}
	}
	if rest := strings.TrimSpace(sentence[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// sentences splits text after a full stop, question or exclamation mark
// that ends a word and is followed by a space and a capital letter, a
// digit or a quote: "5.44B" and "approx. 3" stay whole.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(text); i++ {
		c := text[i]
		if (c != '.' && c != '!' && c != '?') || text[i+1] != ' ' {
			continue
		}
		next := text[i+2]
		if !(next >= 'A' && next <= 'Z' || next >= '0' && next <= '9' || next == '\'' || next == '"' || next == '(') {
			continue
		}
		out = append(out, strings.TrimSpace(text[start:i+1]))
		start = i + 2
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// accessionPattern finds an SEC accession number, dashed
// (0001628280-26-028364) or as it appears in archive paths (18 digits).
var accessionPattern = regexp.MustCompile(`\b(\d{10})-?(\d{2})-?(\d{6})\b`)

// filingsOf lists the SEC filings an entry's source, cross-checks, wording
// or note names by accession number, as EDGAR archive URLs, in the order
// first named. Many secondary sources transcribe a 10-Q or an 8-K exhibit
// and say which; the filing is the primary document a reader can check.
func filingsOf(e refEntry) []string {
	texts := []string{e.StatedAs, e.Derived, e.Note}
	if e.Source != nil {
		texts = append([]string{*e.Source}, texts...)
	}
	texts = append(texts, e.crossChecks()...)
	var out []string
	for _, t := range texts {
		for _, m := range accessionPattern.FindAllStringSubmatch(t, -1) {
			url := "https://www.sec.gov/Archives/edgar/data/" + metaCIK + "/" + m[1] + m[2] + m[3] + "/"
			if !slices.Contains(out, url) {
				out = append(out, url)
			}
		}
	}
	return out
}

// checkable keeps the cross-checks a reader can open: URLs. The
// reference's other cross-checks describe files it could not link ("an
// unattributed public GitHub file (...)"); they are its research trail.
func checkable(checks []string) []string {
	var out []string
	for _, c := range checks {
		if strings.HasPrefix(c, "https://") || strings.HasPrefix(c, "http://") {
			out = append(out, c)
		}
	}
	return out
}
