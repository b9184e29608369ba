package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
)

// refFile is the part of the sourced reference file the generator reads.
// Fields it does not convert (unit_notes, coverage, second_pass, the
// guidance histories and positions inside annual_actuals) are not decoded.
type refFile struct {
	Company  string       `json:"company"`
	Ticker   string       `json:"ticker"`
	Currency string       `json:"currency"`
	Quarters []refQuarter `json:"quarters"`
	// AnnualActuals is keyed by year ("2024") plus a "_definition" entry,
	// so it is decoded per key later.
	AnnualActuals map[string]json.RawMessage `json:"annual_actuals"`
}

type refQuarter struct {
	Period        string              `json:"period"`
	FiscalYear    int                 `json:"fiscal_year"`
	FiscalQuarter int                 `json:"quarter"`
	PeriodEnd     string              `json:"period_end"`
	ReportedOn    string              `json:"reported_on"`
	Metrics       map[string]refEntry `json:"metrics"`
	Notes         []refNote           `json:"notes"`
}

// refEntry is one figure with its evidence. Value stays raw so that a
// string or any other non-number is reported instead of silently dropped.
type refEntry struct {
	Value      json.RawMessage `json:"value"`
	Flag       *string         `json:"flag"`
	Source     *string         `json:"source"`
	StatedAs   string          `json:"stated_as"`
	CrossCheck []any           `json:"cross_check"`
	Derived    string          `json:"derived"`
	AsOf       string          `json:"as_of"`
	Note       string          `json:"note"`
	FiscalYear int             `json:"fiscal_year"` // guidance: the year a range is for
	ForPeriod  string          `json:"for_period"`  // guidance: the quarter a range is for
}

type refNote struct {
	Text        string `json:"text"`
	Source      string `json:"source"`
	Reliability string `json:"reliability"`
}

// number reads an entry's value: ok is false for null, and a value that is
// not a finite number is an error.
func (e refEntry) number() (v float64, ok bool, err error) {
	raw := bytes.TrimSpace(e.Value)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return 0, false, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return 0, false, fmt.Errorf("value %s: %v", raw, err)
	}
	n, isNum := x.(json.Number)
	if !isNum {
		return 0, false, fmt.Errorf("value %s is not a number", raw)
	}
	v, err = n.Float64()
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("value %s is not a finite number", raw)
	}
	return v, true, nil
}

// approx reports whether the entry's flag marks it approximate; any flag
// other than exact or approx is an error, so a new flag is not guessed at.
func (e refEntry) approx() (bool, error) {
	if e.Flag == nil {
		return false, fmt.Errorf("value has no flag")
	}
	switch *e.Flag {
	case "exact":
		return false, nil
	case "approx":
		return true, nil
	}
	return false, fmt.Errorf("unknown flag %q", *e.Flag)
}

// source is the entry's source, required for every non-null value.
func (e refEntry) source() (string, error) {
	if e.Source == nil || *e.Source == "" {
		return "", fmt.Errorf("value has no source")
	}
	return *e.Source, nil
}

// crossChecks keeps the string entries of cross_check; the reference only
// holds strings today, and anything else would not be a citation.
func (e refEntry) crossChecks() []string {
	var out []string
	for _, c := range e.CrossCheck {
		if s, ok := c.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// refAnnual is one year's entry in annual_actuals.
type refAnnual struct {
	Capex         *refEntry `json:"capex"`
	TotalExpenses *refEntry `json:"total_expenses"`
}
