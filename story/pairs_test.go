package story

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// labeled is one line of testdata/pairs.tsv.
type labeled struct {
	line  int
	label string // same, different, related
	kind  string
	a, b  Doc
}

func loadPairs(t testing.TB) []labeled {
	t.Helper()
	f, err := os.Open("testdata/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labeled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n, header := 0, false
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if !header {
			header = true
			if cols[0] != "label" {
				t.Fatalf("line %d: want the column line, got %q", n, cols[0])
			}
			continue
		}
		if len(cols) != 16 {
			t.Fatalf("line %d: %d columns, want 16", n, len(cols))
		}
		switch cols[0] {
		case "same", "different", "related":
		default:
			t.Fatalf("line %d: label %q", n, cols[0])
		}
		a, err := parseDoc(cols[2:9])
		if err != nil {
			t.Fatalf("line %d: a: %v", n, err)
		}
		b, err := parseDoc(cols[9:16])
		if err != nil {
			t.Fatalf("line %d: b: %v", n, err)
		}
		out = append(out, labeled{line: n, label: cols[0], kind: cols[1], a: a, b: b})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func parseDoc(c []string) (Doc, error) {
	d := Doc{Link: c[0], GUID: unescape(c[1]), Title: unescape(c[2]), Lead: unescape(c[3]), Filing: c[6] == "1"}
	if c[4] != "" {
		d.Tickers = strings.Split(c[4], ",")
	}
	if c[5] != "" {
		t, err := time.Parse(time.RFC3339, c[5])
		if err != nil {
			return d, err
		}
		d.Published = t
	}
	return d, nil
}

// score is Match's precision and recall over the labeled pairs, "same"
// being the positive class.
type score struct {
	tp, fp, fn, n int
	wrong         []string
}

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 0
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 0
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

func scorePairs(pairs []labeled, match func(a, b Doc) bool) score {
	var s score
	for _, p := range pairs {
		s.n++
		got := match(p.a, p.b)
		want := p.label == "same"
		switch {
		case got && want:
			s.tp++
		case got && !want:
			s.fp++
		case !got && want:
			s.fn++
		}
		if got != want {
			s.wrong = append(s.wrong, fmt.Sprintf("line %d %s %s: Match=%v\n  a: %s\n  b: %s", p.line, p.label, p.kind, got, p.a.Title, p.b.Title))
		}
	}
	return s
}

const (
	minPrecision = 0.98
	minRecall    = 0.90
	minPairs     = 320
)

func TestPairs(t *testing.T) {
	pairs := loadPairs(t)
	if len(pairs) < minPairs {
		t.Fatalf("%d labeled pairs, want at least %d", len(pairs), minPairs)
	}
	s := scorePairs(pairs, func(a, b Doc) bool { return Match(a, b, 0) })
	fmt.Println(fmt.Sprintf("story pairs precision=%.3f recall=%.3f over %d pairs", s.precision(), s.recall(), s.n))
	for _, w := range s.wrong {
		t.Log(w)
	}
	if !meets(s) {
		t.Errorf("precision %.3f (want ≥ %.2f), recall %.3f (want ≥ %.2f)", s.precision(), minPrecision, s.recall(), minRecall)
	}
}

func meets(s score) bool { return s.precision() >= minPrecision && s.recall() >= minRecall }

// TestPairsCheckCanFail shows that the thresholds bite: a Match that merges
// everything, or nothing, or everything with the same primary ticker fails
// them.
func TestPairsCheckCanFail(t *testing.T) {
	pairs := loadPairs(t)
	for name, m := range map[string]func(a, b Doc) bool{
		"all":  func(a, b Doc) bool { return true },
		"none": func(a, b Doc) bool { return false },
		"ticker": func(a, b Doc) bool {
			return len(a.Tickers) > 0 && len(b.Tickers) > 0 && a.Tickers[0] == b.Tickers[0]
		},
		"links only": func(a, b Doc) bool { return CanonicalLink(a.Link) == CanonicalLink(b.Link) },
	} {
		if s := scorePairs(pairs, m); meets(s) {
			t.Errorf("%s: precision %.3f recall %.3f passes the check", name, s.precision(), s.recall())
		}
	}
}

// TestKeysComplete checks that every pair Match accepts shares a key, so
// that a store looking candidates up by key finds them all.
func TestKeysComplete(t *testing.T) {
	pairs := loadPairs(t)
	matched := 0
	for _, p := range pairs {
		for _, pq := range [][2]Doc{{p.a, p.b}, {p.b, p.a}} {
			a, b := pq[0], pq[1]
			if !Match(a, b, 0) {
				continue
			}
			matched++
			ka, kb := Keys(a), Keys(b)
			if len(ka) > 7 || len(kb) > 7 {
				t.Errorf("line %d: %d and %d keys, want at most 7", p.line, len(ka), len(kb))
			}
			if !findsEachOther(a, b) {
				t.Errorf("line %d (%s): Match but a probe misses the other's keys\n  a: %s\n  b: %s", p.line, p.kind, a.Title, b.Title)
			}
		}
	}
	if matched == 0 {
		t.Fatal("no pair matched")
	}
}

// findsEachOther reports whether a look-up for either doc finds the other:
// the probes of each meet the keys of the other.
func findsEachOther(a, b Doc) bool {
	return sharesKey(Probes(a), Keys(b)) && sharesKey(Probes(b), Keys(a))
}

func sharesKey(a, b []uint64) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// TestSymmetric checks that Match and Related do not depend on order.
func TestSymmetric(t *testing.T) {
	for _, p := range loadPairs(t) {
		if Match(p.a, p.b, 0) != Match(p.b, p.a, 0) {
			t.Errorf("line %d: Match is not symmetric", p.line)
		}
		if Related(p.a, p.b) != Related(p.b, p.a) {
			t.Errorf("line %d: Related is not symmetric", p.line)
		}
	}
}

// TestRelatedPairs checks Related on the labeled set: every "related" pair
// is Related, and no "same" pair is.
func TestRelatedPairs(t *testing.T) {
	for _, p := range loadPairs(t) {
		got := Related(p.a, p.b)
		switch {
		case p.label == "related" && !got:
			t.Errorf("line %d (%s): not Related\n  a: %s\n  b: %s", p.line, p.kind, p.a.Title, p.b.Title)
		case p.label == "same" && got:
			t.Errorf("line %d (%s): a same pair is Related", p.line, p.kind)
		case p.label == "related" && Match(p.a, p.b, 0):
			t.Errorf("line %d (%s): a related pair Matches", p.line, p.kind)
		case strings.HasPrefix(p.kind, "filing-othernews") && got, strings.HasPrefix(p.kind, "filing-latenews") && got:
			t.Errorf("line %d (%s): Related", p.line, p.kind)
		}
	}
}
