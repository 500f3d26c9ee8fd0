package symbol

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// ImportSEC reads the SEC's ticker lists, either company_tickers.json
//
//	{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."},...}
//
// or company_tickers_exchange.json
//
//	{"fields":["cik","name","ticker","exchange"],"data":[[320193,"Apple Inc.","AAPL","Nasdaq"],...]}
//
// telling them apart by their shape. Symbols are normalised (BRK-B →
// BRK.B); the first entry of a symbol wins, in the file's own order. The
// SEC's names are kept as they are, but not made aliases: thousands of
// small-company names would match ordinary words.
func ImportSEC(r io.Reader) ([]Security, error) {
	const limit = 64 << 20
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read SEC ticker file: %w", err)
	}
	if len(data) > limit {
		return nil, errors.New("read SEC ticker file: larger than 64 MB, which no SEC ticker list is")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("read SEC ticker file: not the JSON of company_tickers.json or company_tickers_exchange.json: %w", err)
	}
	if _, ok := top["fields"]; ok {
		return importSECExchange(top)
	}
	return importSECTickers(top)
}

// importSECTickers reads company_tickers.json: an object of numbered rows.
func importSECTickers(top map[string]json.RawMessage) ([]Security, error) {
	type row struct {
		n      int
		ticker string
		title  string
	}
	rows := make([]row, 0, len(top))
	for key, raw := range top {
		n, err := strconv.Atoi(key)
		if err != nil {
			return nil, fmt.Errorf("read SEC ticker file: unexpected key %q: expected company_tickers.json or company_tickers_exchange.json", key)
		}
		var r struct {
			Ticker string `json:"ticker"`
			Title  string `json:"title"`
		}
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, fmt.Errorf("read SEC ticker file: row %s: %w", key, err)
		}
		rows = append(rows, row{n, r.Ticker, r.Title})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].n < rows[j].n })
	var out []Security
	seen := map[string]bool{}
	for _, r := range rows {
		out = appendSEC(out, seen, r.ticker, r.title, "")
	}
	return out, nil
}

// importSECExchange reads company_tickers_exchange.json: named fields and
// rows of values in that order.
func importSECExchange(top map[string]json.RawMessage) ([]Security, error) {
	var fields []string
	if err := json.Unmarshal(top["fields"], &fields); err != nil {
		return nil, fmt.Errorf("read SEC ticker file: fields: %w", err)
	}
	col := map[string]int{}
	for i, f := range fields {
		col[strings.ToLower(f)] = i
	}
	tc, ok := col["ticker"]
	if !ok {
		return nil, errors.New(`read SEC ticker file: no "ticker" field`)
	}
	nc, hasName := col["name"]
	ec, hasExch := col["exchange"]
	var rows [][]any
	if err := json.Unmarshal(top["data"], &rows); err != nil {
		return nil, fmt.Errorf("read SEC ticker file: data: %w", err)
	}
	var out []Security
	seen := map[string]bool{}
	for _, row := range rows {
		cell := func(i int, ok bool) string {
			if !ok || i >= len(row) {
				return ""
			}
			s, _ := row[i].(string)
			return s
		}
		out = appendSEC(out, seen, cell(tc, true), cell(nc, hasName), secExchange(cell(ec, hasExch)))
	}
	return out, nil
}

func appendSEC(out []Security, seen map[string]bool, ticker, name, exchange string) []Security {
	sym := Normalize(ticker)
	if !Valid(sym) || seen[sym] {
		return out
	}
	seen[sym] = true
	return append(out, Security{Symbol: sym, Name: strings.TrimSpace(name), Exchange: exchange, Kind: "equity"})
}

// secExchange spells the SEC's exchange names the way the directory does.
func secExchange(e string) string {
	switch strings.ToUpper(strings.TrimSpace(e)) {
	case "":
		return ""
	case "NASDAQ":
		return "NASDAQ"
	case "NYSE":
		return "NYSE"
	case "CBOE":
		return "CBOE"
	case "OTC":
		return "OTC"
	default:
		return strings.TrimSpace(e)
	}
}
