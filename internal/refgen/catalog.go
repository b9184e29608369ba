package main

import (
	"strings"

	"quarterdash/data"
)

// The catalog below says what each reference metric key means in our
// format. It is a function, not a package variable, so no caller can
// change it under another.

// metrics lists the dataset's metrics in display order. The ids are the
// reference's metric keys, plus the two ratio metrics, which the reference
// does not carry because they are computed per quarter.
func metrics() []data.Metric {
	money, flow, point := data.UnitCurrencyMillions, data.KindFlow, data.KindPoint
	up, down, neutral := data.GoodUp, data.GoodDown, data.GoodNeutral
	return []data.Metric{
		{ID: "revenue", Label: "Revenue", Unit: money, Kind: flow, Good: up,
			Definition: "Total revenue for the quarter, as reported in the earnings release."},
		{ID: "costs_and_expenses", Label: "Costs and expenses", Short: "Total expenses", Unit: money, Kind: flow, Good: down,
			Definition: "Total costs and expenses as reported; this is the figure Meta's 'total expenses' outlook refers to."},
		{ID: "operating_income", Label: "Income from operations", Short: "Op. income", Unit: money, Kind: flow, Good: up,
			Definition: "Revenue minus costs and expenses."},
		{ID: "operating_margin", Label: "Operating margin", Short: "Op. margin", Unit: data.UnitPercent, Kind: point, Good: up,
			Definition: "Income from operations as a percentage of revenue, computed per quarter.",
			Ratio:      &data.Ratio{Numerator: "operating_income", Denominator: "revenue"}},
		{ID: "net_income", Label: "Net income", Unit: money, Kind: flow, Good: up,
			Definition: "GAAP net income for the quarter; one-off items in it are described in the quarter notes."},
		{ID: "net_margin", Label: "Net margin", Unit: data.UnitPercent, Kind: point, Good: up,
			Definition: "Net income as a percentage of revenue, computed per quarter.",
			Ratio:      &data.Ratio{Numerator: "net_income", Denominator: "revenue"}},
		{ID: "diluted_eps", Label: "Diluted earnings per share", Short: "Diluted EPS", Unit: data.UnitCurrencyPerShare, Kind: flow, Good: up,
			Definition: "GAAP diluted earnings per share for the quarter."},
		{ID: "family_of_apps_revenue", Label: "Family of Apps revenue", Short: "FoA revenue", Unit: money, Kind: flow, Good: up,
			Definition: "Revenue of the Family of Apps segment, from the segment table."},
		{ID: "family_of_apps_operating_income", Label: "Family of Apps operating income", Short: "FoA op. income", Unit: money, Kind: flow, Good: up,
			Definition: "Income from operations of the Family of Apps segment, from the segment table."},
		{ID: "reality_labs_revenue", Label: "Reality Labs revenue", Short: "RL revenue", Unit: money, Kind: flow, Good: up,
			Definition: "Revenue of the Reality Labs segment, from the segment table."},
		{ID: "reality_labs_operating_income", Label: "Reality Labs operating income (loss)", Short: "RL op. income", Unit: money, Kind: flow, Good: up,
			Definition: "Income from operations of the Reality Labs segment; negative is a loss, so up (a smaller loss) is better."},
		{ID: "capex", Label: "Capital expenditures", Short: "Capex", Unit: money, Kind: flow, Good: neutral,
			Definition: "Capital expenditures including principal payments on finance leases, as Meta states them in its releases (purchases of property and equipment, net, plus finance-lease principal)."},
		{ID: "research_and_development", Label: "Research and development", Short: "R&D", Unit: money, Kind: flow, Good: neutral,
			Definition: "Research and development expense from the income statement."},
		{ID: "capex_to_revenue", Label: "Capex as % of revenue", Short: "Capex/revenue", Unit: data.UnitPercent, Kind: point, Good: neutral,
			Definition: "Capital expenditures as a percentage of revenue, computed per quarter: how much of each dollar of sales goes into the build-out.",
			Ratio:      &data.Ratio{Numerator: "capex", Denominator: "revenue"}},
		{ID: "rd_to_revenue", Label: "R&D as % of revenue", Short: "R&D/revenue", Unit: data.UnitPercent, Kind: point, Good: neutral,
			Definition: "Research and development expense as a percentage of revenue, computed per quarter.",
			Ratio:      &data.Ratio{Numerator: "research_and_development", Denominator: "revenue"}},
		{ID: "headcount", Label: "Headcount", Unit: data.UnitCount, Kind: point, Good: neutral,
			Definition: "Employees at the end of the quarter."},
		{ID: "dap", Label: "Family daily active people", Short: "DAP", Unit: data.UnitPeopleBillions, Kind: point, Good: up,
			Definition: "Daily active people across Meta's family of apps, on average for the last month of the quarter (March, June, September, December), as the releases state it."},
		{ID: "facebook_dau", Label: "Facebook daily active users", Short: "FB DAU", Unit: data.UnitPeopleBillions, Kind: point, Good: up,
			Definition: "Facebook daily active users; Meta stopped reporting it after 2023-Q4."},
		{ID: "facebook_mau", Label: "Facebook monthly active users", Short: "FB MAU", Unit: data.UnitPeopleBillions, Kind: point, Good: up,
			Definition: "Facebook monthly active users; Meta stopped reporting it after 2023-Q4."},
		{ID: "threads_mau", Label: "Threads monthly active users", Short: "Threads MAU", Unit: data.UnitPeopleMillions, Kind: point, Good: up,
			Definition: "Threads monthly actives as spoken on earnings calls or announced by Meta: approximate ('almost 200 million'). Threads launched in July 2023."},
		{ID: "ad_impressions_yoy_pct", Label: "Ad impressions, change YoY", Short: "Impressions YoY", Unit: data.UnitPercent, Kind: point, Good: up, Signed: true,
			Definition: "Year-over-year percentage change in ad impressions, as stated in the release; not a count of impressions."},
		{ID: "price_per_ad_yoy_pct", Label: "Average price per ad, change YoY", Short: "Price/ad YoY", Unit: data.UnitPercent, Kind: point, Good: up, Signed: true,
			Definition: "Year-over-year percentage change in the average price per ad, as stated in the release; not a price."},
		{ID: "stock_close_results_day", Label: "Share price at close on results day", Short: "Close", Unit: data.UnitCurrency, Kind: point, Good: neutral,
			Definition: "Closing share price on the results day, as news coverage quoted it; the reaction to the results is the after-hours move."},
		{ID: "stock_after_hours_move_pct", Label: "After-hours move after results", Short: "After hours", Unit: data.UnitPercent, Kind: point, Good: up, Signed: true,
			Definition: "Share-price move in after-hours trading after the release: a snapshot whose size differs between outlets."},
	}
}

// overview lists the Overview's headline cards, in order: the results
// people quote first, then the Reality Labs loss, the capex build-out and
// the user counts Meta's calls lead with.
func overview() []string {
	return []string{
		"revenue", "net_income", "operating_margin", "diluted_eps",
		"reality_labs_operating_income", "capex", "dap", "threads_mau",
	}
}

// segments lists the dashboard's tabs in order.
func segments() []data.Segment {
	return []data.Segment{
		{ID: "financials", Label: "Financials", Metrics: []string{
			"revenue", "costs_and_expenses", "operating_income", "operating_margin", "net_income", "net_margin", "diluted_eps"}},
		{ID: "segments", Label: "Segments", Description: "Family of Apps vs Reality Labs", Metrics: []string{
			"family_of_apps_revenue", "family_of_apps_operating_income", "reality_labs_revenue", "reality_labs_operating_income"}},
		{ID: "capex", Label: "Capex & AI", Metrics: []string{
			"capex", "capex_to_revenue", "research_and_development", "rd_to_revenue", "costs_and_expenses", "headcount"}},
		{ID: "users", Label: "Users", Metrics: []string{
			"dap", "facebook_dau", "facebook_mau", "threads_mau"}},
		{ID: "ads", Label: "Ads", Metrics: []string{
			"ad_impressions_yoy_pct", "price_per_ad_yoy_pct"}},
		{ID: "market", Label: "Market reaction", Metrics: []string{
			"stock_close_results_day", "stock_after_hours_move_pct"}},
	}
}

// guidanceField is one low/high pair of reference guidance keys and the
// metric the range is for.
type guidanceField struct {
	prefix string // the reference key without _low/_high
	metric string
	// quarterly is true when the target is a quarter (for_period) rather
	// than a fiscal year (fiscal_year).
	quarterly bool
}

// guidanceFields lists the reference's guidance pairs, in output order.
func guidanceFields() []guidanceField {
	return []guidanceField{
		{prefix: "capex_guidance", metric: "capex"},
		{prefix: "capex_guidance_next_fy", metric: "capex"},
		{prefix: "total_expenses_guidance", metric: "costs_and_expenses"},
		{prefix: "total_expenses_guidance_next_fy", metric: "costs_and_expenses"},
		{prefix: "next_quarter_revenue_guidance", metric: "revenue", quarterly: true},
	}
}

// annualFields maps annual_actuals keys to metric ids.
func annualFields() []struct{ key, metric string } {
	return []struct{ key, metric string }{
		{key: "capex", metric: "capex"},
		{key: "total_expenses", metric: "costs_and_expenses"},
	}
}

// registerSource cites the seed article for the notes taken from it.
const registerSource = "The Register, 1 August 2024 (report on Meta's Q2 2024 earnings call)"

// seedNotes are the facts from the project's seed article that the
// reference does not carry as figures, paraphrased, keyed by quarter.
func seedNotes() map[string][]data.Note {
	return map[string][]data.Note{
		"2024-Q2": {
			{Text: "Llama 3 is believed to have been trained on about 16,000 GPUs.", Kind: data.NoteHighlight, Source: registerSource},
			{Text: "Llama 4 is expected to need almost 10x the compute used for Llama 3.", Kind: data.NoteHighlight, Source: registerSource},
		},
	}
}

// provenancePrefixes open the reference's notes about its own sources
// ("Second pass: ...", "Reliability: ..."). Such a note is about the data,
// not the quarter: it may mention a tax benefit that another note already
// reports, and must not count as a second one-off item.
func provenancePrefixes() []string {
	return []string{"second pass:", "reliability:"}
}

// oneOffKeywords mark a note as a one-off item when its text contains
// any of them (case-insensitive): tax charges and benefits, legal
// accruals, expenses, charges and settlements, restructuring, severance
// and impairments. docs/data-format.md lists the same words.
func oneOffKeywords() []string {
	return []string{
		"tax charge", "tax benefit",
		"legal accrual", "legal expense", "legal charge", "legal-proceeding", "settlement",
		"restructuring", "severance", "impairment",
	}
}

// researchMarkers open or fill the sentences of the reference's notes that
// are its research diary: how a figure was hunted down and graded ("Second
// pass: ...", "only in unattributed GitHub files"). Readers of the
// dashboard need what a figure is and how it was derived; the grading is
// already in the figure's source and approx flag.
func researchMarkers() []string {
	return []string{
		"(first pass)", "first pass left", "uncitable", "unattributed", "not resolvable",
		"test fixture", "benchmark sample", "graded", "sec-transcribing", "research vault",
		"was not read here", "earlier approx pages", "flagged approx", "low-reliability",
		"ai pages", "ai page", "now stated as", "unchanged in second pass",
		"mangled", "sentence not seen",
	}
}

// passPrefixes open a sentence of the reference's notes with the research
// round it came from; the rest of the sentence may still be worth reading.
func passPrefixes() []string { return []string{"Second pass: ", "First pass: "} }

// weakSource reports whether the reference grades a note's source as weak
// ("low (AI-generated analyst page)").
func weakSource(reliability string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(reliability)), "low")
}

// metaCIK is Meta Platforms' SEC central index key, for filing URLs.
const metaCIK = "1326801"
