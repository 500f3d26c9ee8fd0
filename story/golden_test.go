package story

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var (
	update = flag.Bool("update", false, "rewrite testdata/prepare.golden from the current code")
	dump   = flag.String("dump", "", "write every golden doc and what prepare makes of it to this file, to diff two versions")
)

const goldenFile = "testdata/prepare.golden"

// TestPrepareGolden pins what prepare makes of every doc the tests know and
// of many variants of them: a change to the tokenizer, the cleaning or the
// sketch that is meant to be faster must not change a single field. The
// golden file holds a digest per set of docs; -dump writes the docs and
// their serialized preps for diffing two versions when a digest changes.
func TestPrepareGolden(t *testing.T) {
	sets := goldenDocs(t)
	var out *bufio.Writer
	if *dump != "" {
		f, err := os.Create(*dump)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out = bufio.NewWriter(f)
		defer out.Flush()
	}
	var got strings.Builder
	all := sha256.New()
	n := 0
	for _, s := range sets {
		h := sha256.New()
		digests := make([][sha256.Size]byte, len(s.docs))
		for i, d := range s.docs {
			b := serializePrep(prepare(d))
			digests[i] = sha256.Sum256(b)
			h.Write(digests[i][:])
			if out != nil {
				fmt.Fprintf(out, "%s %d %q %q %q %q %s %v\n\t%x\n", s.name, i, d.Link, d.GUID, d.Title, d.Lead,
					d.Published.Format(time.RFC3339Nano), d.Filing, b)
			}
		}
		// Read again in reverse order: nothing of one doc may stay in the
		// pooled scratch and change the next.
		for i := len(s.docs) - 1; i >= 0; i-- {
			if sha256.Sum256(serializePrep(prepare(s.docs[i]))) != digests[i] {
				t.Errorf("%s doc %d: read differently after other docs", s.name, i)
			}
		}
		sum := hex.EncodeToString(h.Sum(nil))
		all.Write([]byte(sum))
		fmt.Fprintf(&got, "%s %d %s\n", s.name, len(s.docs), sum)
		n += len(s.docs)
	}
	fmt.Fprintf(&got, "all %d %s\n", n, hex.EncodeToString(all.Sum(nil)))
	if *update {
		if err := os.WriteFile(goldenFile, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("prepare makes something else of the golden docs (-dump to see what):\ngot\n%swant\n%s", got.String(), want)
	}
}

// TestPrepareGoldenCanFail checks that the serialization sees each field.
func TestPrepareGoldenCanFail(t *testing.T) {
	d := Doc{Title: "Acme sells 12 million phones", Lead: "Acme Corp said on Tuesday it sold 12 million phones, up 34 per cent, in the quarter to June.",
		Link: "https://example.com/a/1", Published: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
	p := prepare(d)
	base := string(serializePrep(p))
	for name, change := range map[string]func(q *prep){
		"ids":        func(q *prep) { q.ids[idGUID]++ },
		"filing":     func(q *prep) { q.filing = !q.filing },
		"series":     func(q *prep) { q.series = !q.series },
		"text":       func(q *prep) { q.text = !q.text },
		"t":          func(q *prep) { q.t++ },
		"words":      func(q *prep) { q.words = append([]uint32(nil), q.words...); q.words[3]++ },
		"ends":       func(q *prep) { q.ends[partNames]-- },
		"figs.v":     func(q *prep) { q.figs = append([]figure(nil), q.figs...); q.figs[0].v = math.Nextafter(q.figs[0].v, 0) },
		"figs.step":  func(q *prep) { q.figs = append([]figure(nil), q.figs...); q.figs[0].step *= 10 },
		"figs.pct":   func(q *prep) { q.figs = append([]figure(nil), q.figs...); q.figs[0].pct = !q.figs[0].pct },
		"figs nil":   func(q *prep) { q.figs = q.figs[:0] },
		"nNums":      func(q *prep) { q.nNums-- },
		"titleShape": func(q *prep) { q.titleShape++ },
		"sketch":     func(q *prep) { q.sketch[nSketch-1]++ },
	} {
		q := *p
		change(&q)
		if string(serializePrep(&q)) == base {
			t.Errorf("a change to %s is not seen", name)
		}
	}
}

// serializePrep writes every field of p, floats by their bits, and tells
// a nil slice from an empty one.
func serializePrep(p *prep) []byte {
	var b []byte
	u64 := func(v uint64) { b = binary.LittleEndian.AppendUint64(b, v) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	for _, id := range p.ids {
		u64(id)
	}
	flag(p.filing)
	flag(p.series)
	flag(p.text)
	u64(uint64(p.t))
	flag(p.words == nil)
	u64(uint64(len(p.words)))
	for _, w := range p.words {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	for _, e := range p.ends {
		b = binary.LittleEndian.AppendUint16(b, e)
	}
	flag(p.figs == nil)
	u64(uint64(len(p.figs)))
	for _, f := range p.figs {
		u64(math.Float64bits(f.v))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f.step))
		flag(f.pct)
	}
	b = binary.LittleEndian.AppendUint16(b, p.nNums)
	u64(p.titleShape)
	for _, s := range p.sketch {
		u64(s)
	}
	return b
}

type docSet struct {
	name string
	docs []Doc
}

// goldenDocs are the docs of the labeled pairs, those the other tests
// read, the fuzz seeds, a synthetic corpus, and variants of them that press
// on the tokenizer and the cleaning.
func goldenDocs(t *testing.T) []docSet {
	t.Helper()
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	var pairs []Doc
	for _, p := range loadPairs(t) {
		pairs = append(pairs, p.a, p.b)
	}

	// The texts of the other tests, as titles and as leads, dated and not.
	var texts []string
	for _, c := range slices.Concat(sameSpellings, otherSpellings) {
		texts = append(texts, c[0], c[1])
	}
	texts = append(texts,
		"34%", "34.5 percent", "$6.27 billion", "215,000", "215k",
		"The 30-year rate is 6.21% and the S&P 500 fell 0.4% on the day.")
	texts = append(texts, datelineLeads...)
	texts = append(texts,
		"Apple - the largest US company - fell 2%.",
		"Shares of S&P-listed firms fell.",
		"UPDATE 2-Apple sued by DOJ over app payments",
		"EXCLUSIVE-Intel wins cloud customer for its factories",
		"Apple sued by DOJ over app payments - Reuters",
		"Apple sued by DOJ over app payments | Yahoo Finance",
		"Morning Bid: Nvidia delivers",
		"Oil falls - prices down 2%",
		"S&P 500 - up 1%",
		"Stocks making the biggest moves midday: Apple, Tesla and more",
		"Morning Bid: Nvidia delivers, markets breathe",
		"Stock market today: Dow, S&P 500, Nasdaq slip",
		"Weekly jobless claims fall to 218,000",
		"How major US stock indexes fared Monday, 11/23/2026",
		"Pfizer's once-daily obesity pill shows 12% weight loss",
		"Nvidia revenue forecast beats Wall Street",
		"Apple sued by US Justice Department",
		"Acme earns $3.8 billion",
		"Revenue rose to 27,200 units, up 12%, the company said.",
		"Revenue rose to 27,200 units, the company said.",
		"Acme said revenue rose 12%, to 27,200 units, on Tuesday.",
		"Revenue rose to 27,300 units, up 12%, the company said.",
		"Revenue rose to 3 units, the company said.",
		"Revenue rose to 200 units, the company said.",
		"UPDATE 1-Apple sued - Reuters", "NEW YORK (Reuters) - Apple was sued.\nAdvertisement",
		"34 per cent $6.3bn 1,234.5% 8-K ’s '",
	)
	var tests []Doc
	for i, s := range texts {
		for _, d := range []Doc{{Title: s}, {Lead: s}, {Title: s, Lead: s}, {Title: s, Published: at}, {Lead: s, Published: at},
			{Title: texts[(i+1)%len(texts)], Lead: s, Published: at}} {
			tests = append(tests, d)
		}
	}
	for _, s := range seriesTitles {
		tests = append(tests, Doc{Title: s, Lead: s + " rose 2% on Monday.", Published: at})
	}
	for _, link := range []string{
		"https://www.sec.gov/Archives/edgar/data/1234567/000123456726000131/0001234567-26-000131-index.htm",
		"urn:tag:sec.gov,2008:accession-number=0001234567-26-000131", "0001234567-26-000131", "https://example.com/news/12345",
	} {
		tests = append(tests, Doc{Link: link, Title: "8-K - EXAMPLE HOLDINGS CORP (0001234567) (Filer)", Filing: true, Published: at},
			Doc{GUID: link, Title: "Example", Filing: true}, Doc{Link: link, GUID: link + "x", Title: "Example news", Published: at})
	}
	tests = append(tests,
		Doc{Link: "https://www.example.com/a/1?utm_source=x", GUID: "https://example.com/a/1", Title: "Acme rises", Published: at},
		Doc{Link: "https://example.com/a/1", GUID: " HTTPS://example.com/a/2 ", Title: "Acme rises", Published: at},
		Doc{Link: "https://example.com/", GUID: "https://example.com/", Title: "Acme rises", Published: at},
		Doc{Link: "https://example.com/a/1", GUID: "short", Title: "Acme rises", Published: at})
	tests = append(tests, fuzzSeeds(t, at)...)

	var corpus []Doc
	for _, d := range syntheticCorpus(3000) {
		corpus = append(corpus, d.Doc)
	}
	return []docSet{
		{"pairs", pairs},
		{"tests", tests},
		{"corpus", corpus},
		{"cut", cutVariants(pairs)},
		{"case", caseVariants(pairs)},
		{"spliced", splicedVariants(pairs, at)},
	}
}

// fuzzSeeds are the seed corpus of FuzzKeysMatch as docs.
func fuzzSeeds(t *testing.T, at time.Time) []Doc {
	files, err := filepath.Glob("testdata/fuzz/FuzzKeysMatch/*")
	if err != nil {
		t.Fatal(err)
	}
	var out []Doc
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var args []string
		for _, line := range strings.Split(string(b), "\n") {
			if s, ok := strings.CutPrefix(line, "string("); ok {
				v, err := strconv.Unquote(strings.TrimSuffix(s, ")"))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				args = append(args, v)
			}
		}
		if len(args) != 3 {
			t.Fatalf("%s: %d strings, want 3", name, len(args))
		}
		out = append(out, Doc{Title: args[0], Lead: args[1], Link: args[2], Published: at})
	}
	return out
}

// cutVariants cut every third doc's title and lead at several offsets,
// some inside a rune, past the limits prepare reads and at them.
func cutVariants(docs []Doc) []Doc {
	var out []Doc
	for i := 0; i < len(docs); i += 3 {
		d := docs[i]
		for _, n := range []int{1, 7, 40, 101, 299, 300, 301} {
			if n < len(d.Title) {
				c := d
				c.Title = d.Title[:n]
				out = append(out, c)
			}
		}
		for _, n := range []int{2, 33, 150, 333, 600, 1199, 1200, 1201, 1500} {
			if n < len(d.Lead) {
				c := d
				c.Lead = d.Lead[:n]
				out = append(out, c)
			}
		}
		// Longer than prepare reads, cut there inside a rune or a word.
		long := d
		long.Title = strings.Repeat(d.Title+" Überraschung ", 1+300/(len(d.Title)+15))
		long.Lead = strings.Repeat(d.Lead+"\nÉtats-Unis 12,345.6 ", 1+1200/(len(d.Lead)+22))
		out = append(out, long)
		// Inside the first multibyte rune of each.
		for _, s := range []*string{&d.Title, &d.Lead} {
			for j := 0; j < len(*s); j++ {
				if (*s)[j] >= utf8.RuneSelf {
					c := d
					if s == &d.Title {
						c.Title = d.Title[:j+1]
					} else {
						c.Lead = d.Lead[:j+1] + " and more"
					}
					out = append(out, c)
					break
				}
			}
		}
	}
	return out
}

// caseVariants upper- and lower-case every fifth doc.
func caseVariants(docs []Doc) []Doc {
	var out []Doc
	for i := 0; i < len(docs); i += 5 {
		d := docs[i]
		u, l := d, d
		u.Title, u.Lead = strings.ToUpper(d.Title), strings.ToUpper(d.Lead)
		l.Title, l.Lead = strings.ToLower(d.Title), strings.ToLower(d.Lead)
		out = append(out, u, l)
	}
	return out
}

// splicedVariants put hard pieces of text (figures, names with quotes and
// ampersands, CJK, addresses, links, list numbers, datelines, furniture)
// in front of, inside and behind the docs' titles and leads.
func splicedVariants(docs []Doc, at time.Time) []Doc {
	pieces := []string{
		"1,234.5", "34 per cent", "34 percent", "$6.3bn", "6.3 billion", "10-for-1", "30-year", "O'Neill", "AT&T", "S&P 500",
		"don’t", "Apple’s", "rock 'n' roll", "12.5%", "0.004%", "215k", "3.5 mln", "1.2 tn", "8-K", "Q3", "5G",
		"1,2,3", "1.2.3", "100,000,000,000,000,000,000", "0.0000000001", "999999999999999999999", "١٢٣ ٤٥٦",
		"日本銀行は金利を据え置いた", "삼성전자 주가 3% 상승", "Société Générale", "Müller AG", "ÉLYSÉE", "İstanbul", "ǅemal",
		"https://example.com/a?b=c", "HTTP://EXAMPLE.COM", "www.example.com/x", "[Nvidia](https://example.com/nvda)",
		"[broken](https://example.com", "](", "**Tesla**", "_Ford_", "# Heading", "> quote",
		"1. First item", "2) Second item", "123. Long", "1234. Too long",
		"NEW YORK, Nov 23 (Reuters) -", "LONDON —", "(Bloomberg) --", "CUPERTINO, Calif. /PRNewswire/ --", "Paris – ",
		"Advertisement", "By Dana Whitcomb", "Reporting by Jane Holloway; Editing by Mark Trent", "Sign up for our newsletter",
		"© 2026 Example", "3 min read", "Markets", "Key facts", "Tech | 3 min", "UPDATE 2-", "EXCLUSIVE-",
		"By Dana Whitcomb, a reporter who writes at length about markets and companies for the wire",
		"LONDON, Nov 23 - Acme rose.", "1.  - Acme rose", "Ünited, Nov 2 - Acme rose", "NEW YORK - ", "A-B-C -",
		" - Reuters", " | Yahoo Finance", " — Site", " :: Site", "\u00a0percent", "\t", "  ", "\r\n", "",
		"per cent", "cent", "50 per", "per cent 50", "'s", "’s", "'", "’", "&", "%", "-", "—", "–", ".", "!?", "\x00", "\xff\xfe", "\xe2\x80",
	}
	var out []Doc
	k := 0
	for i, p := range pieces {
		for j := range 4 {
			d := docs[(i*7+j*131)%len(docs)]
			d.Published = []time.Time{d.Published, at, {}, at.Add(time.Hour)}[j]
			q := pieces[(k*13+5)%len(pieces)]
			k++
			switch j {
			case 0:
				d.Title = p + " " + d.Title
				d.Lead = p + "\n" + d.Lead
			case 1:
				d.Title = d.Title + p
				d.Lead = d.Lead + " " + p + " " + q
			case 2:
				mid := len(d.Lead) / 2
				d.Lead = d.Lead[:mid] + p + q + d.Lead[mid:]
				d.Title = q + p
			case 3:
				d.Title = "Acme " + p + " rises " + q
				d.Lead = q + "\n" + p + " Acme said sales rose " + p + " to " + q + ".\n" + d.Lead
			}
			out = append(out, d)
		}
	}
	// Every pair of pieces as a title and a one-line lead.
	for i, p := range pieces {
		for j, q := range pieces {
			if (i+j)%5 == 0 {
				out = append(out, Doc{Title: p + " " + q, Lead: "Acme " + q + " " + p + " rose.", Published: at})
			}
		}
	}
	return out
}

// sortHashes sorts as slices.Sort does: short and long, spread, repeated
// and crowded into one bucket.
func TestSortHashes(t *testing.T) {
	var tmp []uint32
	x := uint64(1)
	next := func() uint32 { x = mix(x + 1); return uint32(x >> 32) }
	for _, n := range []int{0, 1, 2, 13, 23, 24, 30, 63, 64, 65, 100, 250, 700} {
		for kind := range 4 {
			s := make([]uint32, n)
			for i := range s {
				switch kind {
				case 0: // spread
					s[i] = next()
				case 1: // a few values repeated
					s[i] = uint32(i%3) << 28
				case 2: // one bucket
					s[i] = next() >> 8
				case 3: // descending
					s[i] = uint32(n - i)
				}
			}
			want := slices.Clone(s)
			slices.Sort(want)
			tmp = sortHashes(s, tmp)
			if !slices.Equal(s, want) {
				t.Errorf("n=%d kind %d: not sorted", n, kind)
			}
		}
	}
}

// A hashSet finds its members, crowded or not, and nothing else.
func TestHashSet(t *testing.T) {
	var in, out []uint64
	for i := range uint64(300) {
		in = append(in, mix(i+1)|1)
		out = append(out, mix(i+1000)|1)
	}
	// Six that share their low eleven bits: the table must grow.
	for i := range uint64(6) {
		in = append(in, i<<11|0x7ff)
		out = append(out, i<<11|0x7fe, (i+6)<<11|0x7ff)
	}
	s := newHashSet(in)
	for _, h := range in {
		if !s.has(h) {
			t.Errorf("%#x not found", h)
		}
	}
	for _, h := range out {
		if s.has(h) {
			t.Errorf("%#x found", h)
		}
	}
}

// The tokenizer's hash of a word is hashBytes of its stem, which the word
// lists are made of: for every word of the labeled pairs, in both cases.
func TestWordHashIsStemHash(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range loadPairs(t) {
		for _, w := range strings.Fields(p.a.Title + " " + p.a.Lead + " " + p.b.Lead + " O'Neill’s AT&T États-Unis über ÆGIR runnings ties") {
			for _, w := range []string{w, strings.ToUpper(w)} {
				if seen[w] {
					continue
				}
				seen[w] = true
				var tk tokenizer
				tk.sep = 'x' // no unit words
				end := tk.word(w, 0)
				if len(tk.toks) != 1 || tk.toks[0].num {
					continue
				}
				stem := hashBytes(stemWord([]byte(strings.ToLower(w[:end]))))
				if tk.toks[0].h != stem && !strings.ContainsAny(w[:end], "'’.,%") {
					t.Errorf("%q: hash %#x, its stem's %#x", w[:end], tk.toks[0].h, stem)
				}
			}
		}
	}
	if len(seen) < 1000 {
		t.Fatalf("only %d words", len(seen))
	}
}
