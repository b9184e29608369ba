package data

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// csvHeader is the header row WriteCSV writes. Scripts key on these names,
// so they are part of the command-line interface. It is a function, not a
// package variable, so that nothing can change it for every caller.
func csvHeader() []string {
	return []string{"period", "metric", "value", "unit", "approx", "source"}
}

// WriteCSV writes d's stored figures as long-format CSV (RFC 4180): a header
// row, then one row per quarter and stored metric, quarters in file order and
// metrics in the file's metric order. Derived ratio metrics are left out,
// because they are computed, not reported; a metric a quarter did not report
// has no row, so a gap stays a gap rather than becoming a zero.
func WriteCSV(w io.Writer, d *Dataset) error {
	if d == nil {
		return fmt.Errorf("write csv: no data set")
	}
	return writeCSV(w, []*Dataset{d}, false)
}

// WriteCSVCompanies writes several companies' figures as WriteCSV does,
// company after company, with a leading "company" column holding each
// row's ticker, so the rows of different companies stay apart.
func WriteCSVCompanies(w io.Writer, ds []*Dataset) error {
	for _, d := range ds {
		if d == nil {
			return fmt.Errorf("write csv: no data set")
		}
	}
	return writeCSV(w, ds, true)
}

func writeCSV(w io.Writer, ds []*Dataset, withCompany bool) error {
	cw := csv.NewWriter(w)
	header := csvHeader()
	if withCompany {
		header = append([]string{"company"}, header...)
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	row := make([]string, len(header))
	lead := 0
	if withCompany {
		lead = 1
	}
	for _, d := range ds {
		row[0] = d.Company.Ticker // overwritten below when there is no company column
		for _, q := range d.Quarters {
			period := q.Label()
			for _, m := range d.Metrics {
				if m.Ratio != nil {
					continue
				}
				v, ok := q.Values[m.ID]
				if !ok {
					continue
				}
				r := row[lead:]
				r[0] = period
				r[1] = m.ID
				// 'f' with precision -1 is the shortest exact decimal, so
				// the CSV reads back to the same float64 and never uses
				// exponent notation that spreadsheets mangle.
				r[2] = strconv.FormatFloat(v.Value, 'f', -1, 64)
				r[3] = string(m.Unit)
				r[4] = strconv.FormatBool(v.Approx)
				r[5] = v.Source
				if err := cw.Write(row); err != nil {
					return fmt.Errorf("write csv: %w", err)
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// WriteJSON writes d as indented JSON in the data-file format (compact
// when indented it would be too large to load), so the output
// is itself a valid input for Parse.
func WriteJSON(w io.Writer, d *Dataset) error {
	return writeJSON(w, d, MaxFileSize)
}

// writeJSON is WriteJSON with the size a data file may have as a
// parameter. Indentation can make a file that was valid (written compact)
// larger than that, and the output must stay a file Load accepts: past
// limit indented, the output is compact; past limit compact (a file this
// program could not have read), it is refused, saying so.
func writeJSON(w io.Writer, d *Dataset, limit int) error {
	if d == nil {
		return fmt.Errorf("write json: no data set")
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err == nil && len(b)+1 > limit {
		b, err = json.Marshal(d)
	}
	if err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	b = append(b, '\n')
	if len(b) > limit {
		return fmt.Errorf("write json: the data set is %d bytes as JSON, over the %d a data file may have", len(b), limit)
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
