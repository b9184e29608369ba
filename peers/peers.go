// Package peers is the companies the binary ships beside Meta, converted by
// the SEC importer (package xbrl) from real SEC EDGAR companyfacts
// responses: Alphabet, Apple and NVIDIA. quarterdash --peers opens them
// with no network, to compare Meta with companies on other fiscal
// calendars (Apple's year ends in September, NVIDIA's in January).
//
// The files are generated, never edited: Generate converts the responses
// in xbrl/testdata exactly as
//
//	quarterdash import sec TICKER --companyfacts FILE [--submissions FILE] -o peers/FILE
//
// does with the ticker map's name for the company, and `go test ./peers -update` rewrites them; the test fails when
// the committed bytes differ from a fresh conversion.
package peers

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"path/filepath"

	"quarterdash/data"
	"quarterdash/xbrl"
)

// Peer is one shipped company: its data file and the SEC responses it is
// converted from.
type Peer struct {
	File         string // data file in this package, e.g. "googl.json"
	Ticker       string
	CompanyFacts string // companyfacts response in xbrl/testdata
	Submissions  string // submissions response, "" when none is kept
	// Company is the name SEC's ticker map (company_tickers.json) gives,
	// which the import passes on; companyfacts alone writes some names in
	// capitals ("ALPHABET INC.").
	Company string
}

// List is the shipped peers, in the order they open.
func List() []Peer {
	return []Peer{
		{File: "googl.json", Ticker: "GOOGL", CompanyFacts: "companyfacts_CIK0001652044_GOOGL.json.gz",
			Company: "Alphabet Inc."},
		{File: "aapl.json", Ticker: "AAPL", CompanyFacts: "companyfacts_CIK0000320193_AAPL.json.gz",
			Submissions: "submissions_CIK0000320193_AAPL.json.gz", Company: "Apple Inc."},
		{File: "nvda.json", Ticker: "NVDA", CompanyFacts: "companyfacts_CIK0001045810_NVDA.json.gz",
			Company: "NVIDIA CORP"},
	}
}

//go:embed googl.json aapl.json nvda.json filed.txt
var files embed.FS

// Company is a shipped peer's data and where it comes from.
type Company struct {
	Data *data.Dataset
	// Source says where the figures come from and how recent they are:
	// "SEC XBRL as of 2026-04-30", the newest filing among the facts used.
	// It is also the data set's Provenance, which the header shows.
	Source string
}

// Load parses the shipped peers, in List order.
func Load() ([]Company, error) {
	filed, err := readFiled()
	if err != nil {
		return nil, err
	}
	var out []Company
	for _, p := range List() {
		b, err := files.ReadFile(p.File)
		if err != nil {
			return nil, err
		}
		d, err := data.Parse(b, p.File+" (embedded)")
		if err != nil {
			return nil, err
		}
		src := "SEC XBRL as of " + filed[p.File]
		d.Provenance = src
		out = append(out, Company{Data: d, Source: src})
	}
	return out, nil
}

// readFiled reads filed.txt: "FILE LATEST-FILING-DATE" lines.
func readFiled() (map[string]string, error) {
	b, err := files.ReadFile("filed.txt")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		f := bytes.Fields(l)
		if len(f) != 2 {
			return nil, fmt.Errorf("filed.txt: bad line %q", l)
		}
		m[string(f[0])] = string(f[1])
	}
	return m, nil
}

// Generate converts the responses in dir (xbrl/testdata) into every file
// this package embeds, by name: the data files, as import sec writes them,
// and filed.txt, each file's newest filing date.
func Generate(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	var filed bytes.Buffer
	for _, p := range List() {
		facts, err := readGz(filepath.Join(dir, p.CompanyFacts))
		if err != nil {
			return nil, err
		}
		var subs []byte
		if p.Submissions != "" {
			if subs, err = readGz(filepath.Join(dir, p.Submissions)); err != nil {
				return nil, err
			}
		}
		res, err := xbrl.Convert(facts, xbrl.Options{Submissions: subs, Name: p.CompanyFacts, Ticker: p.Ticker, Company: p.Company})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Ticker, err)
		}
		var b bytes.Buffer
		if err := data.WriteJSON(&b, res.Dataset); err != nil {
			return nil, err
		}
		out[p.File] = b.Bytes()
		fmt.Fprintf(&filed, "%s %s\n", p.File, res.LatestFiled)
	}
	out["filed.txt"] = filed.Bytes()
	return out, nil
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return xbrl.ReadMaybeGzip(f, 64<<20)
}
