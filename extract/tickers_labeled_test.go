package extract

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"brief/symbol"
)

type labeledText struct {
	line     int
	kind     string
	in       Input
	expected []string
	primary  string // the symbol marked "*" in expected; "" when none is
}

func loadLabeled(t *testing.T) []labeledText {
	t.Helper()
	data, err := os.ReadFile("testdata/labeled/tickers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []labeledText
	for n, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("tickers.tsv line %d: %d fields, want 4", n+1, len(f))
		}
		text := strings.ReplaceAll(f[3], `\n`, "\n")
		lt := labeledText{line: n + 1, kind: f[0], in: Input{Markdown: text}}
		if head, body, ok := strings.Cut(text, " || "); ok {
			lt.in.Title, lt.in.Markdown = head, body
		}
		for _, tag := range labeledList(f[1]) {
			if c, ok := strings.CutPrefix(tag, "cat:"); ok {
				lt.in.Categories = append(lt.in.Categories, c)
			} else {
				lt.in.FeedTickers = append(lt.in.FeedTickers, tag)
			}
		}
		for _, sym := range labeledList(f[2]) {
			if p, ok := strings.CutPrefix(sym, "*"); ok {
				if lt.primary != "" {
					t.Fatalf("tickers.tsv line %d: two primaries, %s and %s", n+1, lt.primary, p)
				}
				lt.primary, sym = p, p
			}
			lt.expected = append(lt.expected, sym)
		}
		out = append(out, lt)
	}
	return out
}

// text is the labeled text as the file writes it, headline included.
func (lt labeledText) text() string {
	if lt.in.Title == "" {
		return lt.in.Markdown
	}
	return lt.in.Title + " || " + lt.in.Markdown
}

func labeledList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// labeledSuffixes are the listing suffixes the labeled set must write out
// (9988.HK, not HKEX:9988) at least twice each.
var labeledSuffixes = []string{"SR", "T", "NS", "BO", "L", "DE", "PA", "TO", "AX", "SS", "SZ", "KS", "HK", "TW"}

// TestLabeledSetCoverage keeps the labeled set as broad as the acceptance
// asks: at least 400 texts, every signal at least ten times, at least 45
// negatives, 80 texts with a marked primary, and every suffix of
// labeledSuffixes written out in at least two texts that expect it.
func TestLabeledSetCoverage(t *testing.T) {
	set := loadLabeled(t)
	if len(set) < 400 {
		t.Errorf("labeled set has %d texts, want at least 400", len(set))
	}
	count := map[string]int{}
	primaries := 0
	suffixTexts := map[string]int{}
	for _, lt := range set {
		count[lt.kind]++
		for _, sym := range lt.expected {
			if symbol.Normalize(sym) != sym {
				t.Errorf("line %d: expected symbol %q is not normalised", lt.line, sym)
			}
		}
		if lt.primary != "" {
			primaries++
		}
		text := lt.in.Title + " " + lt.in.Markdown
		for _, sfx := range labeledSuffixes {
			if labeledWritesSuffix(text, sfx) && slices.ContainsFunc(lt.expected, func(sym string) bool { return strings.HasSuffix(sym, "."+sfx) }) {
				suffixTexts[sfx]++
			}
		}
	}
	for _, kind := range []string{"exchange", "suffix", "paren", "cashtag", "chip", "alias", "bare", "class", "crypto", "feed"} {
		if count[kind] < 10 {
			t.Errorf("%d %s texts, want at least 10", count[kind], kind)
		}
	}
	if count["negative"] < 45 {
		t.Errorf("%d negatives, want at least 45", count["negative"])
	}
	if primaries < 80 {
		t.Errorf("%d texts with a marked primary, want at least 80", primaries)
	}
	for _, sfx := range labeledSuffixes {
		if suffixTexts[sfx] < 2 {
			t.Errorf("%d texts write a .%s listing, want at least 2", suffixTexts[sfx], sfx)
		}
	}
}

// labeledWritesSuffix reports whether text writes a symbol with the
// listing suffix sfx: a capital or digit, ".", sfx, and no letter or
// digit after it ("7203.T", "أرامكو2222.SR").
func labeledWritesSuffix(text, sfx string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], "."+sfx)
		if j < 0 {
			return false
		}
		at, end := i+j, i+j+1+len(sfx)
		if at > 0 && (tickCaps(text[at-1:at]) || tickAllDigits(text[at-1:at])) &&
			(end == len(text) || !tickWordByte(text[end])) {
			return true
		}
		i = at + 1
	}
}

// TestLabeledSetPrecisionRecall measures ticker detection against the
// labeled set: micro precision and recall over every text.
func TestLabeledSetPrecisionRecall(t *testing.T) {
	set := loadLabeled(t)
	d := defaultTickIndex()
	var tp, fp, fn int
	var misses []string
	for _, lt := range set {
		var got []string
		for _, tk := range d.Tickers(lt.in) {
			got = append(got, tk.Symbol)
		}
		sort.Strings(got)
		for _, g := range got {
			if slices.Contains(lt.expected, g) {
				tp++
			} else {
				fp++
				misses = append(misses, fmt.Sprintf("line %d (%s): false positive %s in %q", lt.line, lt.kind, g, lt.text()))
			}
		}
		for _, e := range lt.expected {
			if !slices.Contains(got, e) {
				fn++
				misses = append(misses, fmt.Sprintf("line %d (%s): false negative %s in %q", lt.line, lt.kind, e, lt.text()))
			}
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	summary := fmt.Sprintf("ticker precision=%.3f recall=%.3f over %d texts", precision, recall, len(set))
	fmt.Println(summary)
	t.Log(summary)
	t.Logf("true positives %d, false positives %d, false negatives %d", tp, fp, fn)
	if precision < 0.99 || recall < 0.98 || testing.Verbose() {
		for _, m := range misses {
			t.Log(m)
		}
	}
	if precision < 0.99 {
		t.Errorf("precision %.3f, want at least 0.99", precision)
	}
	if recall < 0.98 {
		t.Errorf("recall %.3f, want at least 0.98", recall)
	}
}

// TestLabeledSetPrimaryAccuracy measures the primary ticker over the texts
// whose primary is marked: the share where the labeled security comes
// first and is the one marked Primary.
func TestLabeledSetPrimaryAccuracy(t *testing.T) {
	set := loadLabeled(t)
	d := defaultTickIndex()
	var right, total int
	var misses []string
	for _, lt := range set {
		if lt.primary == "" {
			continue
		}
		total++
		list := d.Tickers(lt.in)
		if len(list) > 0 && list[0].Symbol == lt.primary && list[0].Primary {
			right++
			continue
		}
		got := "nothing"
		if len(list) > 0 {
			got = list[0].Symbol
			if !list[0].Primary {
				got += " (not marked primary)"
			}
		}
		misses = append(misses, fmt.Sprintf("line %d (%s): primary %s, got %s first in %q", lt.line, lt.kind, lt.primary, got, lt.text()))
	}
	if total == 0 {
		t.Fatal("no text has a marked primary")
	}
	accuracy := float64(right) / float64(total)
	summary := fmt.Sprintf("primary accuracy=%.3f over %d texts", accuracy, total)
	fmt.Println(summary)
	t.Log(summary)
	if accuracy < 0.95 || testing.Verbose() {
		for _, m := range misses {
			t.Log(m)
		}
	}
	if accuracy < 0.95 {
		t.Errorf("primary accuracy %.3f, want at least 0.95", accuracy)
	}
}
