package xbrl

// periodicForms are the submissions' forms that companyfacts should carry
// facts from. Amendments are left out: many (a 10-K/A with Part III only)
// carry no financial statements.
var periodicForms = map[string]bool{"10-Q": true, "10-K": true, "10-QT": true, "10-KT": true}

// checkSubmissions warns about periodic reports the submissions list that
// companyfacts does not include yet: SEC updates companyfacts some days
// after a filing appears.
func (c *converter) checkSubmissions(sub *submissionsJSON) {
	if sub == nil {
		return
	}
	r := &sub.Filings.Recent
	n := min(len(r.Form), len(r.FilingDate), len(r.AccessionNumber))
	for i := 0; i < n; i++ {
		form, filed, accn := r.Form[i], r.FilingDate[i], r.AccessionNumber[i]
		if !periodicForms[form] || !validAccession(accn) {
			continue
		}
		if _, ok := parseDay(filed); !ok {
			continue
		}
		if filed <= c.stats.latestFiled || c.stats.accessions[accn] {
			continue
		}
		msg := "companyfacts does not yet include the " + form + " filed " + filed
		if i < len(r.ReportDate) {
			if _, ok := parseDay(r.ReportDate[i]); ok {
				msg += " (period ending " + r.ReportDate[i] + ")"
			}
		}
		c.warnf("%s: %s", msg, c.filingURL(accn))
	}
}
