package xbrl

import "quarterdash/data"

// unitKind says which XBRL units a metric's facts come in.
type unitKind int

const (
	money    unitKind = iota // the currency: "USD"
	perShare                 // "USD/shares", or "USD" in some older filings
	shares                   // "shares"
)

// metricSpec is one metric the converter looks for: where its facts come
// from and how it is shown. Ids that mean the same as Meta's file use the
// same id, so companies can be compared.
type metricSpec struct {
	id, label, short string
	unit             data.Unit
	kind             data.Kind
	good             data.Direction
	// concepts are the US-GAAP concepts merged period by period; for one
	// period the fact filed latest wins, whatever its concept, and within
	// one filing the concept listed first.
	concepts []string
	units    unitKind
	// subtract allows a quarter to be derived from year-to-date figures.
	// Never for per-share figures and share counts: they do not add up.
	subtract bool
	// instant is a balance at the period end, not a flow over it.
	instant    bool
	definition string
}

// The metrics, in display order. gross_profit and free_cash_flow are also
// computed where not reported (see convert.go); the margins are ratios.
var specs = []metricSpec{
	{id: "revenue", label: "Revenue", unit: data.UnitCurrencyMillions, kind: data.KindFlow, good: data.GoodUp,
		concepts: []string{"RevenueFromContractWithCustomerExcludingAssessedTax", "Revenues", "SalesRevenueNet",
			"RevenueFromContractWithCustomerIncludingAssessedTax"},
		units: money, subtract: true},
	{id: "cost_of_revenue", label: "Cost of revenue", short: "Cost of rev.", unit: data.UnitCurrencyMillions,
		kind: data.KindFlow, good: data.GoodDown,
		concepts: []string{"CostOfRevenue", "CostOfGoodsAndServicesSold", "CostOfGoodsSold"},
		units:    money, subtract: true},
	{id: "gross_profit", label: "Gross profit", unit: data.UnitCurrencyMillions, kind: data.KindFlow, good: data.GoodUp,
		concepts: []string{"GrossProfit"}, units: money, subtract: true},
	{id: "research_and_development", label: "Research and development", short: "R&D",
		unit: data.UnitCurrencyMillions, kind: data.KindFlow, good: data.GoodNeutral,
		concepts: []string{"ResearchAndDevelopmentExpense", "ResearchAndDevelopmentExpenseExcludingAcquiredInProcessCost"},
		units:    money, subtract: true},
	{id: "selling_general_administrative", label: "Selling, general and administrative", short: "SG&A",
		unit: data.UnitCurrencyMillions, kind: data.KindFlow, good: data.GoodDown,
		concepts: []string{"SellingGeneralAndAdministrativeExpense"}, units: money, subtract: true},
	{id: "costs_and_expenses", label: "Costs and expenses", short: "Total expenses",
		unit: data.UnitCurrencyMillions, kind: data.KindFlow, good: data.GoodDown,
		concepts: []string{"CostsAndExpenses"}, units: money, subtract: true},
	{id: "operating_income", label: "Income from operations", short: "Op. income",
		unit: data.UnitCurrencyMillions, kind: data.KindFlow, good: data.GoodUp,
		concepts: []string{"OperatingIncomeLoss"}, units: money, subtract: true},
	{id: "net_income", label: "Net income", unit: data.UnitCurrencyMillions, kind: data.KindFlow, good: data.GoodUp,
		concepts: []string{"NetIncomeLoss"}, units: money, subtract: true,
		definition: "Net income attributable to the company (US-GAAP NetIncomeLoss)."},
	{id: "diluted_eps", label: "Diluted earnings per share", short: "Diluted EPS",
		unit: data.UnitCurrencyPerShare, kind: data.KindFlow, good: data.GoodUp,
		concepts: []string{"EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted"}, units: perShare,
		definition: "As reported for the three months; never computed from year-to-date figures, so a quarter without a three-month figure is a gap."},
	{id: "diluted_shares", label: "Diluted shares (weighted average)", short: "Diluted shares",
		unit: data.UnitCount, kind: data.KindPoint, good: data.GoodNeutral,
		concepts: []string{"WeightedAverageNumberOfDilutedSharesOutstanding"}, units: shares,
		definition: "Weighted average number of diluted shares over the three months, as reported; never computed from year-to-date figures."},
	{id: "operating_cash_flow", label: "Cash from operations", short: "Op. cash flow",
		unit: data.UnitCurrencyMillions, kind: data.KindFlow, good: data.GoodUp,
		concepts: []string{"NetCashProvidedByUsedInOperatingActivities", "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"},
		units:    money, subtract: true,
		definition: "Net cash provided by operating activities. Filings report it year to date; each quarter is the difference of consecutive year-to-date figures."},
	{id: "capex", label: "Capital expenditures", short: "Capex", unit: data.UnitCurrencyMillions,
		kind: data.KindFlow, good: data.GoodNeutral,
		concepts: []string{"PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"},
		units:    money, subtract: true,
		definition: "Payments for property, plant and equipment (or for productive assets, where the company reports that). Filings report it year to date; each quarter is the difference of consecutive year-to-date figures."},
	{id: "free_cash_flow", label: "Free cash flow", short: "FCF", unit: data.UnitCurrencyMillions,
		kind: data.KindFlow, good: data.GoodUp,
		definition: "Cash from operations minus capital expenditures, computed by quarterdash; not a reported figure."},
	{id: "cash_and_equivalents", label: "Cash and cash equivalents", short: "Cash", unit: data.UnitCurrencyMillions,
		kind: data.KindPoint, good: data.GoodNeutral,
		concepts: []string{"CashAndCashEquivalentsAtCarryingValue"}, units: money, instant: true,
		definition: "Balance at the end of the quarter (excluding marketable securities and restricted cash)."},
}

// ratios are percentages of revenue, computed by the dashboard from stored
// metrics: the margins, and capex and R&D intensity, which say more than the
// amounts when companies of different sizes are compared.
var ratios = []struct {
	id, label, short, num string
	good                  data.Direction
}{
	{"gross_margin", "Gross margin", "Gross margin", "gross_profit", data.GoodUp},
	{"operating_margin", "Operating margin", "Op. margin", "operating_income", data.GoodUp},
	{"net_margin", "Net margin", "", "net_income", data.GoodUp},
	{"capex_to_revenue", "Capex as % of revenue", "Capex/revenue", "capex", data.GoodNeutral},
	{"rd_to_revenue", "R&D as % of revenue", "R&D/revenue", "research_and_development", data.GoodNeutral},
}

// The tabs, and the Overview cards in order; each lists only the metrics
// the company reports.
var segmentSpecs = []struct {
	id, label, description string
	metrics                []string
}{
	{"income", "Income statement", "Quarterly results from the 10-Q and 10-K filings", []string{
		"revenue", "cost_of_revenue", "gross_profit", "gross_margin", "research_and_development", "rd_to_revenue",
		"selling_general_administrative", "costs_and_expenses", "operating_income", "operating_margin",
		"net_income", "net_margin"}},
	{"cashflow", "Cash flow", "Quarters derived from year-to-date cash flow statements", []string{
		"operating_cash_flow", "capex", "capex_to_revenue", "free_cash_flow", "cash_and_equivalents"}},
	{"pershare", "Per share", "Three-month figures as reported", []string{"diluted_eps", "diluted_shares"}},
}

var overviewIDs = []string{"revenue", "operating_income", "operating_margin", "net_income", "diluted_eps",
	"capex", "free_cash_flow", "operating_cash_flow"}
