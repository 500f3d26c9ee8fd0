package main

import (
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"strings"
)

// company is a listed company as it appears in market briefings. The set
// mixes US listings, ADRs with a Hong Kong line and single-letter symbols,
// because those are the cases a ticker extractor gets wrong.
type company struct {
	name     string // formal name, used with the exchange prefix
	short    string // the name in running text
	exchange string // NASDAQ, NYSE or OTC
	symbol   string
	hk       string // Hong Kong listing code, empty when there is none
}

var companies = []company{
	{"Nvidia Corp.", "Nvidia", "NASDAQ", "NVDA", ""},
	{"Apple Inc.", "Apple", "NASDAQ", "AAPL", ""},
	{"Microsoft Corp.", "Microsoft", "NASDAQ", "MSFT", ""},
	{"Alphabet Inc.", "Alphabet", "NASDAQ", "GOOGL", ""},
	{"Amazon.com Inc.", "Amazon", "NASDAQ", "AMZN", ""},
	{"Meta Platforms Inc.", "Meta", "NASDAQ", "META", ""},
	{"Tesla Inc.", "Tesla", "NASDAQ", "TSLA", ""},
	{"Broadcom Inc.", "Broadcom", "NASDAQ", "AVGO", ""},
	{"Advanced Micro Devices", "AMD", "NASDAQ", "AMD", ""},
	{"Intel Corp.", "Intel", "NASDAQ", "INTC", ""},
	{"Netflix Inc.", "Netflix", "NASDAQ", "NFLX", ""},
	{"Costco Wholesale", "Costco", "NASDAQ", "COST", ""},
	{"Palantir Technologies", "Palantir", "NASDAQ", "PLTR", ""},
	{"Coinbase Global", "Coinbase", "NASDAQ", "COIN", ""},
	{"PDD Holdings", "PDD", "NASDAQ", "PDD", ""},
	{"Alibaba Group Holding", "Alibaba", "NYSE", "BABA", "9988.HK"},
	{"JD.com Inc.", "JD.com", "NASDAQ", "JD", "9618.HK"},
	{"Baidu Inc.", "Baidu", "NASDAQ", "BIDU", "9888.HK"},
	{"NIO Inc.", "NIO", "NYSE", "NIO", "9866.HK"},
	{"Tencent Holdings", "Tencent", "OTC", "TCEHY", "0700.HK"},
	{"BYD Co.", "BYD", "OTC", "BYDDY", "1211.HK"},
	{"Meituan", "Meituan", "OTC", "MPNGY", "3690.HK"},
	{"JPMorgan Chase & Co.", "JPMorgan", "NYSE", "JPM", ""},
	{"Goldman Sachs Group", "Goldman Sachs", "NYSE", "GS", ""},
	{"Exxon Mobil Corp.", "Exxon", "NYSE", "XOM", ""},
	{"Berkshire Hathaway", "Berkshire", "NYSE", "BRK.B", ""},
	{"Taiwan Semiconductor Manufacturing", "TSMC", "NYSE", "TSM", ""},
	{"Eli Lilly and Co.", "Eli Lilly", "NYSE", "LLY", ""},
	{"Pfizer Inc.", "Pfizer", "NYSE", "PFE", ""},
	{"Visa Inc.", "Visa", "NYSE", "V", ""},
	{"Ford Motor Co.", "Ford", "NYSE", "F", ""},
}

// hkListed are the companies with a Hong Kong line, for the sentences that
// need one.
var hkListed = func() []company {
	var out []company
	for _, c := range companies {
		if c.hk != "" {
			out = append(out, c)
		}
	}
	return out
}()

var (
	banks    = []string{"Morgan Stanley", "Goldman Sachs", "JPMorgan", "Bernstein", "Jefferies", "Citi", "UBS", "Wedbush", "BofA Securities", "Mizuho"}
	drivers  = []string{"stronger data-centre demand", "a richer product mix", "lower freight costs", "faster cloud growth", "price increases that stuck", "better advertising pricing", "cost cuts announced in the spring", "a recovery in China sales", "higher net interest income", "demand for AI accelerators"}
	events   = []string{"a stronger-than-expected quarter", "a cut to full-year guidance", "a downgrade at Morgan Stanley", "reports of tighter export restrictions", "the surprise departure of its finance chief", "a $10 billion buyback announcement", "an upbeat investor day", "a regulatory probe in Brussels", "record deliveries", "a delay to its next product launch"}
	sessions = []string{"early", "afternoon", "premarket", "after-hours", "midday", "late"}
	quarters = []string{"first-quarter", "second-quarter", "third-quarter", "fourth-quarter"}
	upMoves  = []string{"rose", "climbed", "jumped", "gained", "rallied", "added"}
	dnMoves  = []string{"fell", "slipped", "dropped", "slid", "declined", "lost"}
	topics   = []string{"Markets", "Earnings", "Technology", "China", "Analyst Ratings", "Macro", "Stocks", "Options"}
)

// writer produces the text of one item; all randomness comes from r, so an
// item depends only on the seed and its position in the corpus.
type writer struct {
	r    *rand.Rand
	wire bool // items without Summary block and takeaways (corpusOptions.Wire)
}

func (w *writer) pick(s []string) string { return s[w.r.IntN(len(s))] }

func (w *writer) company() company { return companies[w.r.IntN(len(companies))] }

// others returns n companies distinct from lead.
func (w *writer) others(lead company, n int) []company {
	var out []company
	for len(out) < n {
		c := w.company()
		if c.symbol == lead.symbol || containsCompany(out, c) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func containsCompany(cs []company, c company) bool {
	for _, x := range cs {
		if x.symbol == c.symbol {
			return true
		}
	}
	return false
}

func (w *writer) pct() string { return fmt.Sprintf("%.1f%%", 0.3+w.r.Float64()*14) }

func (w *writer) money() string {
	switch w.r.IntN(5) {
	case 0:
		return fmt.Sprintf("$%d million", 120+w.r.IntN(880))
	case 1:
		return fmt.Sprintf("€%.1f billion", 0.5+w.r.Float64()*12)
	default:
		return fmt.Sprintf("$%.1f billion", 0.8+w.r.Float64()*60)
	}
}

// indexPct is a plausible daily move for an index or a yield.
func (w *writer) indexPct() string { return fmt.Sprintf("%.1f%%", 0.1+w.r.Float64()*2.4) }

// moneyRange is a guidance range, low end first.
func (w *writer) moneyRange() (string, string) {
	lo := 0.8 + w.r.Float64()*60
	hi := lo * (1.02 + w.r.Float64()*0.08)
	return fmt.Sprintf("$%.1f billion", lo), fmt.Sprintf("$%.1f billion", hi)
}

func (w *writer) price() string { return fmt.Sprintf("$%.2f", 8+w.r.Float64()*900) }

func (w *writer) eps() string { return fmt.Sprintf("$%.2f", 0.05+w.r.Float64()*6) }

func (w *writer) move() string {
	if w.r.IntN(2) == 0 {
		return w.pick(upMoves)
	}
	return w.pick(dnMoves)
}

// mention names c in one of the forms finance sites use. A first mention
// carries the exchange prefix, as wire copy does; later ones vary between
// a cashtag, the bare name, the Hong Kong code and the glued quote-widget
// text ("AlibabaBABA--") that scraped pages leave behind.
func (w *writer) mention(c company, first bool) string {
	if first {
		return fmt.Sprintf("%s (%s: %s)", html.EscapeString(c.name), c.exchange, c.symbol)
	}
	switch n := w.r.IntN(12); {
	case n < 2:
		return fmt.Sprintf("%s (%s: %s)", html.EscapeString(c.short), c.exchange, c.symbol)
	case n < 5:
		return "$" + c.symbol
	case n < 6:
		return fmt.Sprintf(`<a href="https://quotes.example.com/symbol/%s">%s%s--</a>`, strings.ToLower(c.symbol), html.EscapeString(c.short), c.symbol)
	case n < 7:
		return html.EscapeString(c.short) + c.symbol + "--"
	case n < 9 && c.hk != "":
		return fmt.Sprintf("%s (%s)", html.EscapeString(c.short), c.hk)
	default:
		return html.EscapeString(c.short)
	}
}

// sentence returns one sentence of body copy about a, sometimes also naming b.
func (w *writer) sentence(a, b company) string {
	m := func(c company) string { return w.mention(c, false) }
	switch w.r.IntN(22) {
	case 0:
		return fmt.Sprintf("%s reported %s revenue of %s, up %s from a year earlier and ahead of the %s analysts had expected.", m(a), w.pick(quarters), w.money(), w.pct(), w.money())
	case 1:
		return fmt.Sprintf("Shares of %s %s %s to %s in %s trading.", m(a), w.move(), w.pct(), w.price(), w.pick(sessions))
	case 2:
		lo, hi := w.moneyRange()
		return fmt.Sprintf("%s guided for current-quarter sales of %s to %s, implying growth of roughly %s.", m(a), lo, hi, w.pct())
	case 3:
		return fmt.Sprintf("Adjusted earnings came in at %s a share, compared with a consensus estimate of %s.", w.eps(), w.eps())
	case 4:
		return fmt.Sprintf("Analysts at %s raised their price target on %s to %s from %s, citing %s.", w.pick(banks), m(a), w.price(), w.price(), w.pick(drivers))
	case 5:
		return fmt.Sprintf("The stock has %s %s so far this year, against a %s gain for the S&amp;P 500.", w.move(), w.pct(), w.pct())
	case 6:
		return fmt.Sprintf("%s said it would buy back up to %s of its shares over the next %d months.", m(a), w.money(), 6+w.r.IntN(30))
	case 7:
		h := a
		if h.hk == "" {
			h = hkListed[w.r.IntN(len(hkListed))]
		}
		return fmt.Sprintf("In Hong Kong, %s (%s) %s %s to HK$%.2f as the Hang Seng Index %s %s.", html.EscapeString(h.short), h.hk, w.move(), w.pct(), 10+w.r.Float64()*400, w.move(), w.indexPct())
	case 8:
		return fmt.Sprintf("Gross margin widened to %s from %s a year ago, helped by %s.", w.pct(), w.pct(), w.pick(drivers))
	case 9:
		return fmt.Sprintf("Traders are pricing in a %d%% chance that the Federal Reserve cuts rates by 25 basis points at its next meeting.", 10+w.r.IntN(85))
	case 10:
		return fmt.Sprintf("The 10-year Treasury yield %s to %.2f%%, while the dollar index %s %s.", w.move(), 3.5+w.r.Float64()*1.5, w.move(), w.indexPct())
	case 11:
		return fmt.Sprintf("%s and %s together account for about %s of the Nasdaq-100&#39;s weighting.", m(a), m(b), w.pct())
	case 12:
		return fmt.Sprintf("Options activity in $%s was heavy, with more than %d,000 call contracts changing hands before midday.", a.symbol, 5+w.r.IntN(300))
	case 13:
		return fmt.Sprintf("“We are seeing demand that continues to outstrip supply,” %s&#39;s chief executive told analysts on the call.", html.EscapeString(a.short))
	case 14:
		return fmt.Sprintf("Free cash flow for the quarter was %s, compared with %s a year ago.", w.money(), w.money())
	case 15:
		return fmt.Sprintf("At %s, %s trades at about %d times forward earnings, below its five-year average of %d.", w.price(), m(a), 12+w.r.IntN(40), 20+w.r.IntN(40))
	case 16:
		return fmt.Sprintf("Net income %s %s to %s, or %s per diluted share.", w.move(), w.pct(), w.money(), w.eps())
	case 17:
		return fmt.Sprintf("Capital expenditure is expected to reach %s this year as %s builds out %s.", w.money(), m(a), w.pick([]string{"data centres", "new fabs", "its logistics network", "charging infrastructure", "AI capacity"}))
	case 18:
		return fmt.Sprintf("Short interest in %s stands at %s of the float, according to exchange data.", m(a), w.pct())
	case 19:
		return fmt.Sprintf("The company ended the quarter with %s in cash and equivalents and %s of long-term debt.", w.money(), w.money())
	case 20:
		return fmt.Sprintf("%s, which reports after the bell on Thursday, has %s %s over the past month, while %s is %s %s.", m(a), w.move(), w.pct(), m(b), w.pick([]string{"up", "down"}), w.pct())
	default:
		return fmt.Sprintf("Management reiterated its full-year target of %s in operating income and a dividend of %s a share.", w.money(), w.eps())
	}
}

// summaryBullet returns bullet kind k (0–5) of the Summary block; callers
// pick distinct kinds so that a block never repeats itself.
func (w *writer) summaryBullet(k int, a, b company) string {
	switch k {
	case 0:
		return fmt.Sprintf("%s %s %s after %s.", w.mention(a, false), w.move(), w.pct(), w.pick(events))
	case 1:
		return fmt.Sprintf("Revenue of %s, %s year over year; EPS %s vs. %s expected.", w.money(), w.pct(), w.eps(), w.eps())
	case 2:
		return fmt.Sprintf("Full-year guidance %s: %s at the midpoint.", w.pick([]string{"raised", "cut", "reaffirmed"}), w.money())
	case 3:
		return fmt.Sprintf("Price target moved to %s at %s.", w.price(), w.pick(banks))
	case 4:
		return fmt.Sprintf("Read-across for %s: %s.", w.mention(b, false), w.pick(drivers))
	default:
		return fmt.Sprintf("Hang Seng %s %s; %s the biggest mover.", w.move(), w.indexPct(), html.EscapeString(hkListed[w.r.IntN(len(hkListed))].hk))
	}
}

// takeaway returns takeaway kind k (0–6), distinct per list like the bullets.
func (w *writer) takeaway(k int, a, b company) string {
	switch k {
	case 0:
		return fmt.Sprintf("Watch %s&#39;s gross margin next quarter; the Street expects %s.", html.EscapeString(a.short), w.pct())
	case 1:
		return fmt.Sprintf("At %d times forward earnings, $%s prices in %s growth, which leaves little room for a miss.", 15+w.r.IntN(45), a.symbol, w.pct())
	case 2:
		return fmt.Sprintf("Keep position sizes modest until %s clears resistance near %s.", w.mention(a, false), w.price())
	case 3:
		return fmt.Sprintf("The %s buyback should offer support on pullbacks.", w.money())
	case 4:
		return fmt.Sprintf("Rate-cut odds of %d%% make long-duration tech the swing factor for the Nasdaq.", 10+w.r.IntN(85))
	case 5:
		return fmt.Sprintf("Next catalyst: %s earnings; options imply a %s move.", w.mention(b, false), w.pct())
	default:
		h := hkListed[w.r.IntN(len(hkListed))]
		return fmt.Sprintf("%s tends to lead its US line on China policy headlines.", h.hk)
	}
}

func (w *writer) title(a, b company) string {
	switch w.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s Stock %s %s After %s", a.short, w.pick([]string{"Jumps", "Slides", "Surges", "Sinks"}), w.pct(), w.pick([]string{"Earnings Beat", "Guidance Cut", "Downgrade", "Export Curbs", "Buyback News", "Investor Day"}))
	case 1:
		return fmt.Sprintf("Why %s Shares Are %s Today", a.short, w.pick([]string{"Rising", "Falling", "Moving"}))
	case 2:
		d := w.pick(drivers)
		return fmt.Sprintf("%s Earnings: Revenue Tops Estimates on %s", a.short, strings.ToUpper(d[:1])+d[1:])
	case 3:
		h := hkListed[w.r.IntN(len(hkListed))]
		return fmt.Sprintf("Hang Seng %s; %s Leads %s", w.pick([]string{"Rises", "Slips", "Rebounds"}), h.short, w.pick([]string{"Gains", "Losses"}))
	case 4:
		return fmt.Sprintf("Market Wrap: S&P 500 %s as Treasury Yields %s; %s in Focus", w.pick([]string{"Edges Higher", "Slips", "Hits Record"}), w.pick([]string{"Climb", "Ease"}), b.short)
	default:
		return fmt.Sprintf("Is %s Stock a Buy After Its %s Run?", a.short, w.pct())
	}
}

// briefing is the text of one generated item.
type briefing struct {
	title   string
	teaser  string // plain text, for RSS descriptions that only tease
	html    string
	lead    company
	others  []company
	section string
}

// minBody and maxBody bound the HTML body size. Sizes are log-uniform
// between them: most items are short, as on real finance feeds (headline
// and filing feeds carry a few hundred bytes, briefing sites a few KB),
// with a tail of long analysis pieces. Every body still has its summary
// block and takeaways, so the floor in practice is about 1 KB.
const (
	minBody = 512
	maxBody = 4 << 10
)

// newBriefing writes one item: a Summary block, body paragraphs (with the
// occasional sub-heading, quote or figures table) and a closing numbered
// list of takeaways; for a wire (writer.wire), the paragraphs alone.
func (w *writer) newBriefing() briefing {
	lead := w.company()
	others := w.others(lead, 1+w.r.IntN(3))
	b := briefing{lead: lead, others: others, section: w.pick(topics)}
	other := func() company { return others[w.r.IntN(len(others))] }
	b.title = w.title(lead, other())

	target := int(float64(minBody) * math.Pow(float64(maxBody)/float64(minBody), w.r.Float64()))

	var head strings.Builder
	head.WriteString(`<div class="summary"><h3>Summary</h3><ul>`)
	for i, k := range w.r.Perm(6)[:2+w.r.IntN(3)] {
		s := w.summaryBullet(k, lead, other())
		if i == 0 {
			b.teaser = plain(s)
		}
		head.WriteString("<li>" + s + "</li>")
	}
	head.WriteString("</ul></div>\n")

	var tail strings.Builder
	tail.WriteString("<p><strong>Key takeaways for investors:</strong></p>\n<ol>")
	for _, k := range w.r.Perm(7)[:3+w.r.IntN(3)] {
		tail.WriteString("<li>" + w.takeaway(k, lead, other()) + "</li>")
	}
	tail.WriteString("</ol>\n")

	// A wire's item leaves the two out. They are drawn and counted all
	// the same, so that the random stream, and with it every other item
	// and field, is the one without Wire; its body is shorter by them.
	left := 0
	if w.wire {
		left = head.Len() + tail.Len()
		head.Reset()
		tail.Reset()
	}
	var body strings.Builder
	body.WriteString(head.String())
	for first := true; ; first = false {
		block := w.block(lead, other(), first)
		size := left + body.Len() + len(block) + tail.Len()
		if !first && (left+body.Len()+tail.Len() >= target || size > maxBody) {
			break
		}
		body.WriteString(block)
	}
	body.WriteString(tail.String())
	b.html = body.String()
	return b
}

// block returns one body element; the first is always a paragraph that
// introduces the lead company with its exchange prefix.
func (w *writer) block(a, b company, first bool) string {
	if !first {
		switch w.r.IntN(14) {
		case 0:
			return "<h2>" + w.pick([]string{"What the numbers say", "The bigger picture", "Valuation check", "What analysts are saying", "Chart watch"}) + "</h2>\n"
		case 1:
			return fmt.Sprintf("<blockquote><p>“%s,” said a portfolio manager at %s.</p></blockquote>\n", w.pick([]string{
				"The quarter was fine, but the guide is what the market is trading",
				"Positioning was crowded going into the print",
				"We think the sell-off is overdone relative to the fundamentals",
			}), w.pick(banks))
		case 2:
			return fmt.Sprintf("<table><thead><tr><th>Metric</th><th>Reported</th><th>Consensus</th></tr></thead><tbody>"+
				"<tr><td>Revenue</td><td>%s</td><td>%s</td></tr>"+
				"<tr><td>EPS</td><td>%s</td><td>%s</td></tr>"+
				"<tr><td>Gross margin</td><td>%s</td><td>%s</td></tr></tbody></table>\n",
				w.money(), w.money(), w.eps(), w.eps(), w.pct(), w.pct())
		case 3:
			return fmt.Sprintf(`<figure><img src="https://img.example.com/charts/%s-%d.png" alt="%s share price, one year" width="640" height="360"><figcaption>Source: exchange data</figcaption></figure>`+"\n", strings.ToLower(a.symbol), w.r.IntN(1e6), html.EscapeString(a.short))
		}
	}
	var p strings.Builder
	p.WriteString("<p>")
	if first {
		fmt.Fprintf(&p, "%s %s %s on %s after %s.", w.mention(a, true), w.move(), w.pct(), w.pick([]string{"Tuesday", "Wednesday", "Thursday", "Friday"}), w.pick(events))
	}
	for i, n := 0, 3+w.r.IntN(4); i < n; i++ {
		if p.Len() > 3 {
			p.WriteByte(' ')
		}
		p.WriteString(w.sentence(a, b))
	}
	p.WriteString("</p>\n")
	return p.String()
}

// plain strips the tags and entities that bullets may carry, for the
// text-only teaser.
func plain(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}
