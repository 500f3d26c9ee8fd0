package extract

import (
	"slices"
	"strings"
	"testing"

	"brief/symbol"
)

func TestDefaultAliasesCompile(t *testing.T) {
	for _, s := range symbol.DefaultDirectory().Securities() {
		for _, a := range s.Aliases {
			if _, ok := compileAlias(a, 0, new([]tickTok)); !ok {
				t.Errorf("%s: alias %q does not compile", s.Symbol, a)
			}
		}
	}
	if newTickIndex(nil) != newTickIndex(symbol.DefaultDirectory()) || New(nil).dir != defaultTickIndex() {
		t.Error("the built-in directory is indexed more than once")
	}
}

// A directory with the user's extras finds them by name, and an extra's
// alias names the security it was added to.
func TestTickersWithExtras(t *testing.T) {
	d := newTickIndex(symbol.NewDirectory(
		symbol.Security{Symbol: "cpng", Name: "Coupang, Inc.", Exchange: "NYSE", Aliases: []string{"Coupang"}},
		symbol.Security{Symbol: "BABA", Name: "ALIBABA GROUP HOLDING LTD", Aliases: []string{"Taobao parent"}},
	))
	got := tickerSymbols(d.Tickers(Input{Markdown: "Coupang said sales rose. The Taobao parent gained 2%."}))
	if !slices.Equal(got, []string{"BABA", "CPNG"}) {
		t.Errorf("tickers with extras = %q, want [BABA CPNG]", got)
	}
	if got := defaultTickIndex().Tickers(Input{Markdown: "Coupang said sales rose."}); len(got) != 0 {
		t.Errorf("the built-in directory learnt an extra: %+v", got)
	}
}

// An imported symbol that is an English word still never counts bare, but
// counts in parentheses after the company's imported name.
func TestTickersWithSECImport(t *testing.T) {
	secs, err := symbol.ImportSEC(strings.NewReader(`{"fields":["cik","name","ticker","exchange"],"data":[
		[1750,"AAR CORP","AIR","NYSE"]]}`))
	if err != nil {
		t.Fatal(err)
	}
	d := newTickIndex(symbol.NewDirectory(secs...))
	if got := d.Tickers(Input{Markdown: "AIR travel demand rose 5% this year."}); len(got) != 0 {
		t.Errorf("bare AIR counted: %+v", got)
	}
	if got := tickerSymbols(d.Tickers(Input{Markdown: "AAR Corp. (AIR) raised its outlook."})); len(got) != 1 || got[0] != "AIR" {
		t.Errorf("(AIR) after an imported name = %q", got)
	}
}

func tickerSymbols(ts []Ticker) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Symbol)
	}
	slices.Sort(out)
	return out
}
