package symbol

import (
	"strings"
	"testing"
)

func TestImportSECTickers(t *testing.T) {
	const file = `{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."},
		"2":{"cik_str":1067983,"ticker":"BRK-B","title":"BERKSHIRE HATHAWAY INC"},
		"1":{"cik_str":1045810,"ticker":"NVDA","title":"NVIDIA CORP"},
		"3":{"cik_str":1067983,"ticker":"BRK-A","title":"BERKSHIRE HATHAWAY INC"},
		"4":{"cik_str":1,"ticker":"","title":"No ticker"},
		"5":{"cik_str":2,"ticker":"brk.b","title":"Duplicate"}}`
	secs, err := ImportSEC(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []Security{
		{Symbol: "AAPL", Name: "Apple Inc.", Kind: "equity"},
		{Symbol: "NVDA", Name: "NVIDIA CORP", Kind: "equity"},
		{Symbol: "BRK.B", Name: "BERKSHIRE HATHAWAY INC", Kind: "equity"},
		{Symbol: "BRK.A", Name: "BERKSHIRE HATHAWAY INC", Kind: "equity"},
	}
	checkSecurities(t, secs, want)
}

func TestImportSECExchange(t *testing.T) {
	const file = `{"fields":["cik","name","ticker","exchange"],"data":[
		[320193,"Apple Inc.","AAPL","Nasdaq"],
		[1067983,"BERKSHIRE HATHAWAY INC","BRK-B","NYSE"],
		[1750,"AAR CORP","AIR","NYSE"],
		[99,"Some OTC Co","SOTC","OTC"],
		[98,"No Exchange Co","NOEX",null],
		[97,"Short Row"]]}`
	secs, err := ImportSEC(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []Security{
		{Symbol: "AAPL", Name: "Apple Inc.", Exchange: "NASDAQ", Kind: "equity"},
		{Symbol: "BRK.B", Name: "BERKSHIRE HATHAWAY INC", Exchange: "NYSE", Kind: "equity"},
		{Symbol: "AIR", Name: "AAR CORP", Exchange: "NYSE", Kind: "equity"},
		{Symbol: "SOTC", Name: "Some OTC Co", Exchange: "OTC", Kind: "equity"},
		{Symbol: "NOEX", Name: "No Exchange Co", Kind: "equity"},
	}
	checkSecurities(t, secs, want)

	// Imported symbols extend the directory without replacing curated data.
	d := NewDirectory(secs...)
	if s, _ := d.Lookup("AAPL"); s.Name != "Apple Inc." || len(s.Aliases) == 0 {
		t.Errorf("AAPL after import = %+v", s)
	}
	if s, ok := d.Lookup("AIR"); !ok || s.Exchange != "NYSE" {
		t.Errorf("AIR after import = %+v, %v", s, ok)
	}
}

func TestImportSECErrors(t *testing.T) {
	for _, bad := range []string{
		``,
		`not json`,
		`[1,2,3]`,
		`{"fields":["cik","name"],"data":[]}`,
		`{"fields":["ticker"],"data":{"a":1}}`,
		`{"zero":{"ticker":"AAPL"}}`,
		`{"0":["AAPL"]}`,
	} {
		if _, err := ImportSEC(strings.NewReader(bad)); err == nil {
			t.Errorf("ImportSEC(%q) accepted a file that is not an SEC ticker list", bad)
		}
	}
}

func checkSecurities(t *testing.T, got, want []Security) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d securities %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Symbol != w.Symbol || g.Name != w.Name || g.Exchange != w.Exchange || g.Kind != w.Kind {
			t.Errorf("security %d = %+v, want %+v", i, g, w)
		}
	}
}
