package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"quarterdash/data"
)

// convert turns the sourced reference into a Dataset. It copies figures and
// their evidence, never computes or fills one in, and refuses anything it
// does not understand (an unknown metric key, a non-numeric value, a flag
// other than exact/approx, half a guidance range) so that nothing is
// dropped or guessed silently. Every problem found is returned, joined.
func convert(ref refFile) (*data.Dataset, error) {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if ref.Company == "" || ref.Ticker == "" || ref.Currency == "" {
		fail("reference: company, ticker and currency are required")
	}
	ds := &data.Dataset{
		SchemaVersion: data.SchemaVersion,
		Company: data.Company{
			Name: ref.Company, Ticker: ref.Ticker, Currency: ref.Currency,
			// Meta's fiscal year is the calendar year; the reference
			// does not say so in a field, its period ends do.
			FiscalYearEndMonth: 12,
		},
		Metrics:  metrics(),
		Segments: segments(),
		Overview: overview(),
	}

	stored := map[string]bool{} // metric ids a quarter may carry
	for _, m := range ds.Metrics {
		if m.Ratio == nil {
			stored[m.ID] = true
		}
	}
	guidanceKeys := map[string]bool{}
	for _, g := range guidanceFields() {
		guidanceKeys[g.prefix+"_low"] = true
		guidanceKeys[g.prefix+"_high"] = true
	}

	seeds := seedNotes()
	for _, rq := range ref.Quarters {
		q, gs, err := convertQuarter(rq, stored, guidanceKeys)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		q.Notes = append(q.Notes, seeds[rq.Period]...)
		delete(seeds, rq.Period)
		ds.Quarters = append(ds.Quarters, q)
		ds.Guidance = append(ds.Guidance, gs...)
	}
	for p := range seeds {
		fail("seed notes for %s: quarter not in the reference", p)
	}

	actuals, err := convertAnnual(ref.AnnualActuals)
	if err != nil {
		errs = append(errs, err)
	}
	ds.AnnualActuals = actuals

	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ds, nil
}

// convertQuarter converts one reference quarter: its figures become
// values, its guidance pairs become ranges.
func convertQuarter(rq refQuarter, stored, guidanceKeys map[string]bool) (data.Quarter, []data.Guidance, error) {
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("quarter %s: "+format, append([]any{rq.Period}, args...)...))
	}
	if want := fmt.Sprintf("%d-Q%d", rq.FiscalYear, rq.FiscalQuarter); rq.Period != want {
		fail("period does not match fiscal_year %d and quarter %d", rq.FiscalYear, rq.FiscalQuarter)
	}
	q := data.Quarter{
		FiscalYear:    rq.FiscalYear,
		FiscalQuarter: rq.FiscalQuarter,
		PeriodEnd:     rq.PeriodEnd,
		ReportedOn:    rq.ReportedOn,
		Values:        map[string]data.Value{},
	}

	// Sorted keys keep the error messages in a stable order.
	keys := make([]string, 0, len(rq.Metrics))
	for k := range rq.Metrics {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := rq.Metrics[k]
		if guidanceKeys[k] {
			continue // converted below, pair by pair
		}
		if !stored[k] {
			fail("metric %q is neither a known metric nor a guidance field", k)
			continue
		}
		v, ok, err := convertValue(e)
		if err != nil {
			fail("%s: %v", k, err)
			continue
		}
		if ok {
			q.Values[k] = v
		}
	}

	var gs []data.Guidance
	for _, f := range guidanceFields() {
		g, ok, err := convertGuidance(rq, f)
		if err != nil {
			fail("%s: %v", f.prefix, err)
			continue
		}
		if ok {
			gs = append(gs, g)
		}
	}

	for _, n := range rq.Notes {
		if n.Text == "" || n.Source == "" {
			fail("a note without text or source")
			continue
		}
		if weakSource(n.Reliability) {
			// A note has no approx flag to carry the reference's grading,
			// and a reader cannot weigh a claim from an AI-written page:
			// such notes stay in the reference. What they say is covered
			// by the figures and guidance, or by a better-sourced note.
			continue
		}
		q.Notes = append(q.Notes, data.Note{Text: n.Text, Kind: noteKind(n.Text), Source: n.Source})
	}

	return q, gs, errors.Join(errs...)
}

// convertValue converts one figure; ok is false for a null (not reported).
func convertValue(e refEntry) (data.Value, bool, error) {
	num, ok, err := e.number()
	if err != nil || !ok {
		return data.Value{}, false, err
	}
	approx, err := e.approx()
	if err != nil {
		return data.Value{}, false, err
	}
	src, err := e.source()
	if err != nil {
		return data.Value{}, false, err
	}
	v := data.Value{
		Value:      num,
		Approx:     approx,
		StatedAs:   e.StatedAs,
		Source:     src,
		CrossCheck: checkable(e.crossChecks()),
		Derived:    e.Derived,
		Note:       e.Note,
	}
	v.AsOf, v.Note = splitAsOf(e.AsOf, readerNote(e.Note))
	v.Filings = filingsOf(e)
	return v, true, nil
}

// splitAsOf keeps as_of a plain date when the reference adds an
// explanation after it ("2025-08-12 (announcement; ...)"): the date stays
// in as_of, the explanation moves to the end of the note.
func splitAsOf(asOf, note string) (string, string) {
	asOf = strings.TrimSpace(asOf)
	if len(asOf) <= len("2006-01-02") {
		return asOf, note
	}
	date := asOf[:len("2006-01-02")]
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return asOf, note
	}
	rest := strings.TrimSpace(asOf[len(date):])
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")"))
	if rest == "" {
		return date, note
	}
	extra := "As of " + date + ": " + rest + "."
	if note == "" {
		return date, extra
	}
	return date, note + " " + extra
}

// convertGuidance converts one low/high pair; ok is false when neither
// end was given. Half a range is an error: it cannot be shown honestly.
func convertGuidance(rq refQuarter, f guidanceField) (data.Guidance, bool, error) {
	lo, hasLo := rq.Metrics[f.prefix+"_low"]
	hi, hasHi := rq.Metrics[f.prefix+"_high"]
	if !hasLo && !hasHi {
		return data.Guidance{}, false, nil
	}
	low, okLo, err := lo.number()
	if err != nil {
		return data.Guidance{}, false, fmt.Errorf("low: %v", err)
	}
	high, okHi, err := hi.number()
	if err != nil {
		return data.Guidance{}, false, fmt.Errorf("high: %v", err)
	}
	if !okLo && !okHi {
		return data.Guidance{}, false, nil
	}
	if !okLo || !okHi {
		return data.Guidance{}, false, fmt.Errorf("only one end of the range is given")
	}
	if low > high {
		return data.Guidance{}, false, fmt.Errorf("low %v is above high %v", low, high)
	}

	var target string
	if f.quarterly {
		pl, errL := data.ParsePeriod(lo.ForPeriod)
		ph, errH := data.ParsePeriod(hi.ForPeriod)
		if errL != nil || errH != nil || pl.IsYear() || pl != ph {
			return data.Guidance{}, false, fmt.Errorf("for_period %q/%q is not one quarter", lo.ForPeriod, hi.ForPeriod)
		}
		target = pl.String()
	} else {
		if lo.FiscalYear == 0 || lo.FiscalYear != hi.FiscalYear {
			return data.Guidance{}, false, fmt.Errorf("fiscal_year %d/%d is not one year", lo.FiscalYear, hi.FiscalYear)
		}
		target = data.Period{Year: lo.FiscalYear}.String()
	}

	aLo, err := lo.approx()
	if err != nil {
		return data.Guidance{}, false, fmt.Errorf("low: %v", err)
	}
	aHi, err := hi.approx()
	if err != nil {
		return data.Guidance{}, false, fmt.Errorf("high: %v", err)
	}
	src, err := lo.source()
	if err != nil {
		if src, err = hi.source(); err != nil {
			return data.Guidance{}, false, err
		}
	}
	stated := statedRange(lo.StatedAs, hi.StatedAs)
	note := readerNote(lo.Note)
	if hn := readerNote(hi.Note); hn != "" && hn != note {
		note = strings.TrimSpace(note + " " + hn)
	}
	return data.Guidance{
		Metric:    f.metric,
		GivenWith: rq.Period,
		Target:    target,
		Low:       low,
		High:      high,
		Approx:    aLo || aHi,
		StatedAs:  stated,
		Source:    src,
		Note:      note,
	}, true, nil
}

// statedRange picks the wording of a range from its two ends' wording.
// The reference usually words the whole range on the low end and repeats
// part of it on the high end; where the high end's wording contains the
// low end's and adds to it ("$30-37 billion (+$2B at the high end)"), it
// is the fuller one. Otherwise the low end's wording is kept.
func statedRange(lo, hi string) string {
	if lo == "" || (len(hi) > len(lo) && strings.Contains(hi, lo)) {
		return hi
	}
	return lo
}

// convertAnnual converts annual_actuals, oldest year first. Keys that are
// not years (the "_definition" block) are skipped; a null year is not
// complete and stays absent.
func convertAnnual(raw map[string]json.RawMessage) ([]data.AnnualActual, error) {
	var years []int
	for k := range raw {
		if y, err := strconv.Atoi(k); err == nil {
			years = append(years, y)
		} else if !strings.HasPrefix(k, "_") {
			return nil, fmt.Errorf("annual_actuals: key %q is not a year", k)
		}
	}
	sort.Ints(years)
	var out []data.AnnualActual
	var errs []error
	for _, y := range years {
		var ra refAnnual
		dec := json.NewDecoder(bytes.NewReader(raw[strconv.Itoa(y)]))
		if err := dec.Decode(&ra); err != nil {
			errs = append(errs, fmt.Errorf("annual_actuals %d: %v", y, err))
			continue
		}
		entries := map[string]*refEntry{"capex": ra.Capex, "total_expenses": ra.TotalExpenses}
		for _, f := range annualFields() {
			e := entries[f.key]
			if e == nil {
				continue
			}
			v, ok, err := convertValue(*e)
			if err != nil {
				errs = append(errs, fmt.Errorf("annual_actuals %d %s: %v", y, f.key, err))
				continue
			}
			if !ok {
				continue
			}
			out = append(out, data.AnnualActual{
				Metric: f.metric, FiscalYear: y, Value: v.Value, Approx: v.Approx,
				StatedAs: v.StatedAs, Source: v.Source, Derived: v.Derived, Note: v.Note,
			})
		}
	}
	return out, errors.Join(errs...)
}

// noteKind classifies a note as a one-off item by the keywords in
// oneOffKeywords, else as a highlight. A note about the reference's own
// sources is a highlight whatever it mentions.
func noteKind(text string) data.NoteKind {
	t := strings.ToLower(text)
	for _, p := range provenancePrefixes() {
		if strings.HasPrefix(t, p) {
			return data.NoteHighlight
		}
	}
	for _, k := range oneOffKeywords() {
		if strings.Contains(t, k) {
			return data.NoteOneOff
		}
	}
	return data.NoteHighlight
}

// encode marshals the dataset with two-space indentation. HTML escaping is
// off so that URLs keep their '&' readable; map keys are sorted by
// encoding/json, so the output is deterministic.
func encode(ds *data.Dataset) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ds); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
