package story

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// A synthetic corpus: 60 days of company stories, each carried by one to
// four feeds, and daily recurring headlines (listed templates and two that
// grouping does not know), each carried by four feeds. Every doc has a
// group: two docs are one story exactly when they share it.
type corpusDoc struct {
	Doc
	group int
}

var (
	syllables = strings.Fields("nor vex kal tron ari mo sel den quin ta bra vo lum ex cor pa zen ith ul mar ost rel fin gra")
	verbsUp   = []string{"jumps", "climbs", "rallies", "surges", "gains"}
	verbsDown = []string{"falls", "slides", "drops", "sinks", "tumbles"}
	reasons   = []string{"a stronger forecast", "a weak quarter", "an analyst upgrade", "a federal probe", "a supply deal",
		"rising costs", "a product delay", "higher demand in Asia", "a labor strike", "new tariffs"}
	products = []string{"pickup trucks", "heat pumps", "routers", "insulin pens", "e-bikes", "laptops", "smoke detectors"}
	agencies = []string{"the Justice Department", "the FTC", "the SEC", "the European Commission", "the Pentagon", "NASA"}
	roles    = []string{"chief executive", "finance chief", "chief operating officer", "chair"}
	cities   = []string{"Dallas", "Toronto", "Munich", "Singapore", "Denver", "Osaka", "Lyon"}
)

func companyName(r *rand.Rand) string {
	n := 2 + r.IntN(2)
	var b strings.Builder
	for i := range n {
		s := syllables[r.IntN(len(syllables))]
		if i == 0 {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		b.WriteString(s)
	}
	return b.String()
}

// storyText writes a title and a three-sentence lead about co.
func storyText(r *rand.Rand, co, co2 string, day time.Time) (title, lead string) {
	n := 10 + r.IntN(990)
	p := fmt.Sprintf("%d.%d", 1+r.IntN(30), r.IntN(10))
	reason := reasons[r.IntN(len(reasons))]
	city := cities[r.IntN(len(cities))]
	wd := day.Weekday().String()
	switch r.IntN(8) {
	case 0:
		title = fmt.Sprintf("%s shares %s %s%% on %s", co, verbsUp[r.IntN(5)], p, reason)
		lead = fmt.Sprintf("Shares of %s rose %s%% on %s, their best day in %d weeks, after %s. The company, based in %s, has gained %d%% this year. Trading volume was %d million shares, about %d times the daily average.",
			co, p, wd, 2+r.IntN(40), reason, city, r.IntN(80), 5+r.IntN(60), 2+r.IntN(5))
	case 1:
		title = fmt.Sprintf("%s shares %s %s%% after %s", co, verbsDown[r.IntN(5)], p, reason)
		lead = fmt.Sprintf("%s shares fell %s%% on %s after %s, wiping about $%d million off its market value. Analysts at %s Securities said the drop was overdone and kept a buy rating with a price target of $%d.",
			co, p, wd, reason, n, co2, 20+r.IntN(300))
	case 2:
		title = fmt.Sprintf("%s to buy %s for $%d million", co, co2, n)
		lead = fmt.Sprintf("%s agreed to buy %s, a maker of %s, for $%d million in cash, the companies said on %s. The deal values %s at about %d times its annual sales and is expected to close in the %s quarter. %s has %d employees in %s.",
			co, co2, products[r.IntN(len(products))], n, wd, co2, 2+r.IntN(9), []string{"first", "second", "third", "fourth"}[r.IntN(4)], co2, 100+r.IntN(5000), city)
	case 3:
		title = fmt.Sprintf("%s names new %s", co, roles[r.IntN(len(roles))])
		lead = fmt.Sprintf("%s said on %s its board had appointed a new %s, effective %s %d, after a search that lasted %d months. The company also reaffirmed its annual revenue forecast of $%d million to $%d million.",
			co, wd, roles[r.IntN(len(roles))], []string{"Jan.", "Feb.", "March"}[r.IntN(3)], 1+r.IntN(28), 2+r.IntN(10), n, n+20+r.IntN(80))
	case 4:
		prod := products[r.IntN(len(products))]
		count := fmt.Sprintf("%d,%03d", 1+r.IntN(400), r.IntN(1000))
		title = fmt.Sprintf("%s recalls %s %s", co, count, prod)
		lead = fmt.Sprintf("%s is recalling %s %s sold in the United States because a faulty part can overheat, federal regulators said on %s. The company said it knew of %d incidents and %d injuries, and owners will get free repairs.",
			co, count, prod, wd, 2+r.IntN(50), r.IntN(10))
	case 5:
		agency := agencies[r.IntN(len(agencies))]
		title = fmt.Sprintf("%s sued by %s over %s", co, agency, []string{"pricing", "data collection", "a merger", "safety reports"}[r.IntN(4)])
		lead = fmt.Sprintf("%s filed a lawsuit against %s on %s, alleging it misled customers and regulators for %d years. The complaint, filed in %s, seeks penalties of up to $%d million. %s said it would defend itself.",
			strings.ToUpper(agency[:1])+agency[1:], co, wd, 2+r.IntN(9), city, n, co)
	case 6:
		title = fmt.Sprintf("%s beats estimates and raises its forecast", co)
		lead = fmt.Sprintf("%s reported quarterly revenue of $%d million on %s, up %s%% from a year earlier and above the $%d million analysts expected. It raised its annual forecast to $%d million and said orders from %s rose %d%%.",
			co, n, wd, p, n-5-r.IntN(5), n*4+r.IntN(50), city, 3+r.IntN(40))
	default:
		title = fmt.Sprintf("%s wins $%d million %s contract", co, n, strings.TrimPrefix(agencies[r.IntN(len(agencies))], "the "))
		lead = fmt.Sprintf("%s won a contract worth up to $%d million over %d years to supply %s, the agency said on %s. It is the company's largest government award and will add about %d jobs at its plant near %s.",
			co, n, 2+r.IntN(8), products[r.IntN(len(products))], wd, 50+r.IntN(900), city)
	}
	return title, lead
}

// seriesText writes day's edition of a recurring headline.
func seriesText(r *rand.Rand, series int, day time.Time, cos []string) (title, lead string) {
	c := func() string { return cos[r.IntN(len(cos))] }
	wd := day.Weekday().String()
	pct := func() string { return fmt.Sprintf("%d.%d%%", r.IntN(4), r.IntN(10)) }
	switch series {
	case 0:
		return fmt.Sprintf("Stocks making the biggest moves midday: %s, %s, %s and more", c(), c(), c()),
			fmt.Sprintf("Check out the companies making headlines in midday trading:\n%s — Shares rose %s after an upgrade.\n%s — The stock fell %s on a weak outlook.", c(), pct(), c(), pct())
	case 1:
		return fmt.Sprintf("Stocks making the biggest moves premarket: %s, %s and more", c(), c()),
			"Check out the companies making headlines before the bell."
	case 2:
		return "Morning Bid: " + []string{"Markets catch their breath", "All eyes on the Fed", "Earnings take the stage", "Bond yields bite", "Tech leads again"}[r.IntN(5)],
			fmt.Sprintf("A look at the day ahead in U.S. and global markets from Mara Quill.\nFutures were up %s on %s and the 10-year yield was at 4.%02d%%.", pct(), wd, r.IntN(100))
	case 3:
		return fmt.Sprintf("Stock market today: Dow, S&P 500, Nasdaq %s as %s reports", []string{"rise", "slip", "wobble", "rally"}[r.IntN(4)], c()),
			fmt.Sprintf("US stocks moved on %s. The S&P 500 changed %s, the Dow %s and the Nasdaq Composite %s.", wd, pct(), pct(), pct())
	case 4:
		return fmt.Sprintf("How major US stock indexes fared %s, %s", wd, day.Format("1/2/2006")),
			fmt.Sprintf("On %s:\nThe S&P 500 rose %d.%02d points, or %s, to 6,%03d.%02d.\nThe Dow Jones industrial average rose %d.%02d points, or %s, to 4%d,%03d.%02d.",
				wd, r.IntN(90), r.IntN(100), pct(), r.IntN(1000), r.IntN(100), r.IntN(400), r.IntN(100), pct(), 4+r.IntN(5), r.IntN(1000), r.IntN(100))
	case 5:
		return fmt.Sprintf("Mortgage rates today, %s: 30-year fixed rate at 6.%02d%%", day.Format("January 2, 2006"), r.IntN(100)),
			fmt.Sprintf("The average rate on a 30-year fixed mortgage is 6.%02d%% today, according to our lender survey. The average 15-year fixed rate is 5.%02d%%. Rates change daily; compare offers before you lock.", r.IntN(100), r.IntN(100))
	case 6:
		// Unknown to grouping: a daily column with a fixed opening.
		return "Markets Pulse: " + []string{"stocks drift", "a quiet close", "tech slips", "banks bounce", "oil leads"}[r.IntN(5)],
			fmt.Sprintf("Your daily five-minute rundown of what moved markets, from the Markets Pulse desk.\nThe Dow moved %d points on %s and oil settled at $%d.%02d a barrel.", r.IntN(500), wd, 55+r.IntN(20), r.IntN(100))
	default:
		// Unknown to grouping: a fixed headline with a one-line lead.
		return "Top analyst calls on Wall Street",
			fmt.Sprintf("Analysts upgraded %s and %s and cut their ratings on %s on %s.", c(), c(), c(), wd)
	}
}

func syntheticCorpus(n int) []corpusDoc {
	r := rand.New(rand.NewPCG(2026, 11))
	start := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	const days = 60
	cos := make([]string, 150)
	for i := range cos {
		cos[i] = companyName(r)
	}
	hosts := []string{"https://www.wire.example/news/%s-%d", "https://finance.portal.example/news/%s-%d.html",
		"https://www.daily.example/business/%s/%d", "https://m.markets.example/article/%s?id=%d&utm_source=rss"}
	var out []corpusDoc
	group := 0
	add := func(title, lead string, t time.Time, tick string, copies int) {
		group++
		for c := range copies {
			d := Doc{Title: title, Lead: lead, Published: t.Add(time.Duration(c*23) * time.Minute), Tickers: []string{tick}}
			d.Link = fmt.Sprintf(hosts[c%len(hosts)], strings.ReplaceAll(strings.ToLower(title), " ", "-"), group)
			switch c {
			case 1:
				d.Lead = "NEW YORK (Reuters) - " + lead
				d.Title = title + " - Reuters"
			case 2:
				d.Lead = lead[:len(lead)*2/3]
			case 3:
				d.Lead = "Advertisement\n" + lead + "\nSign up for our newsletter"
			}
			out = append(out, corpusDoc{Doc: d, group: group})
		}
	}
	for day := range days {
		t0 := start.AddDate(0, 0, day)
		for s := range 8 {
			title, lead := seriesText(r, s, t0, cos)
			add(title, lead, t0.Add(time.Duration(11+s)*time.Hour), "SERIES", 4)
		}
	}
	for len(out) < n {
		t := start.Add(time.Duration(r.IntN(days*24*60)) * time.Minute)
		co := cos[r.IntN(len(cos))]
		title, lead := storyText(r, co, cos[r.IntN(len(cos))], t)
		add(title, lead, t, strings.ToUpper(co[:3]), 1+r.IntN(4))
	}
	return out[:n]
}

// maxBucket bounds how many docs of the synthetic corpus share one key.
const maxBucket = 100

func TestCorpusBuckets(t *testing.T) {
	docs := syntheticCorpus(10000)
	buckets := map[uint64][]int{}
	sketches := map[uint64]int{} // MinHash values without their time salt
	for i, d := range docs {
		keys := Keys(d.Doc)
		if len(keys) > 12 {
			t.Fatalf("doc %d: %d keys", i, len(keys))
		}
		for _, k := range keys {
			buckets[k] = append(buckets[k], i)
		}
		for j, v := range read(d.Doc).sketch {
			sketches[v^uint64(j)]++
		}
	}
	sizes := make([]int, 0, len(buckets))
	for _, b := range buckets {
		sizes = append(sizes, len(b))
	}
	slices.Sort(sizes)
	largest := sizes[len(sizes)-1]
	unsalted := 0
	for _, n := range sketches {
		unsalted = max(unsalted, n)
	}
	for _, b := range buckets {
		if len(b) == largest {
			for _, i := range b[:min(len(b), 6)] {
				t.Logf("in the largest bucket: %s %q", docs[i].Published.Format(time.DateTime), docs[i].Title)
			}
			break
		}
	}
	t.Logf("%d docs, %d keys, largest bucket %d, 99th percentile %d, largest bucket without time slices %d",
		len(docs), len(buckets), largest, sizes[len(sizes)*99/100], unsalted)
	if largest > maxBucket {
		t.Errorf("largest bucket holds %d docs, want at most %d", largest, maxBucket)
	}
	// The corpus must press on the bound: without the time slices the
	// recurring headlines would crowd one bucket far past it.
	if unsalted <= 3*maxBucket {
		t.Errorf("largest unsalted bucket %d: the corpus does not test the bound", unsalted)
	}

	// Grouping the corpus through its buckets: every pair Match accepts
	// shares a key (checked over each group), and the merges are right.
	var tp, fp, fn int
	seen := map[[2]int]bool{}
	for _, b := range buckets {
		for x := 0; x < len(b); x++ {
			for y := x + 1; y < len(b); y++ {
				i, j := b[x], b[y]
				if seen[[2]int{i, j}] {
					continue
				}
				seen[[2]int{i, j}] = true
				if Match(docs[i].Doc, docs[j].Doc, 0) && docs[i].group != docs[j].group {
					fp++
					if fp <= 5 {
						t.Logf("merged: %q / %q", docs[i].Title, docs[j].Title)
					}
				}
			}
		}
	}
	byGroup := map[int][]int{}
	for i, d := range docs {
		byGroup[d.group] = append(byGroup[d.group], i)
	}
	for _, g := range byGroup {
		for x := 0; x < len(g); x++ {
			for y := x + 1; y < len(g); y++ {
				a, b := docs[g[x]].Doc, docs[g[y]].Doc
				if !Match(a, b, 0) {
					fn++
					continue
				}
				tp++
				if !findsEachOther(a, b) {
					t.Errorf("Match but a probe misses the other's keys: %q / %q", a.Title, b.Title)
				}
			}
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("synthetic grouping: precision %.3f recall %.3f (%d copies pairs)", precision, recall, tp+fn)
	// The synthetic stories are eight sentence frames that differ only in
	// names and small numbers, and their trimmed copies lose figures: a
	// harsher test of precision than real copies, so a lower bar.
	if precision < 0.95 || recall < minRecall {
		t.Errorf("synthetic grouping: precision %.3f recall %.3f", precision, recall)
	}
}
