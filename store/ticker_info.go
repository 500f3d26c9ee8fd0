package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// An article's tickers as the reader shows them are one ticker_info row
// (schemaV7): each ticker's symbol, exchange, name, mentions, signal and
// whether it is primary, joined by infoField, the tickers joined by
// infoTicker, in list order (listOrder). The queries by symbol read
// article_tickers, which holds no names.
const (
	infoTicker = "\x1e"
	infoField  = "\x1f"
)

// tickerInfo encodes ts, in list order (listOrder), for ticker_info; ""
// for none. Control characters are dropped from every field, so that no
// field holds a separator.
func tickerInfo(ts []Ticker) string {
	if len(ts) == 0 {
		return ""
	}
	var b []byte
	for i, t := range ts {
		if i > 0 {
			b = append(b, infoTicker...)
		}
		b = appendClean(b, t.Symbol)
		b = append(b, infoField...)
		b = appendClean(b, t.Exchange)
		b = append(b, infoField...)
		b = appendClean(b, t.Name)
		b = append(b, infoField...)
		b = strconv.AppendInt(b, int64(t.Mentions), 10)
		b = append(b, infoField...)
		b = appendClean(b, t.Signal)
		b = append(b, infoField...)
		b = strconv.AppendInt(b, int64(boolInt(t.Primary)), 10)
	}
	return string(b)
}

// appendClean appends s without its control characters.
func appendClean(b []byte, s string) []byte {
	if strings.IndexFunc(s, func(r rune) bool { return dropControl(r) < 0 }) < 0 {
		return append(b, s...)
	}
	return append(b, strings.Map(dropControl, s)...)
}

// parseTickerInfo decodes what tickerInfo encoded; a ticker that does not
// read as one is left out.
func parseTickerInfo(s string) []Ticker {
	if s == "" {
		return nil
	}
	var out []Ticker
	for enc := range strings.SplitSeq(s, infoTicker) {
		f := strings.Split(enc, infoField)
		if len(f) != 6 || f[0] == "" {
			continue
		}
		mentions, err := strconv.Atoi(f[3])
		if err != nil {
			continue
		}
		out = append(out, Ticker{Symbol: f[0], Exchange: f[1], Name: f[2], Mentions: mentions, Signal: f[4], Primary: f[5] == "1"})
	}
	return out
}

// ArticleTickers returns the tickers of an article, primary first, then by
// mentions. An unknown article has none.
func (s *Store) ArticleTickers(ctx context.Context, id int64) ([]Ticker, error) {
	var info string
	err := s.r.QueryRowContext(ctx, `SELECT info FROM ticker_info WHERE article_id = ?`, id).Scan(&info)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("tickers of article %d: %w", id, err)
	}
	return parseTickerInfo(info), nil
}

// pendingTickers are the ticker rows of a batch's saved articles, written
// together at its end.
type pendingTickers struct {
	rows  []tickerRow
	infos []tickerInfoRow
}

// add queues the tickers of r, saved as r.id.
func (p *pendingTickers) add(r *row) {
	for _, t := range r.tickers {
		p.rows = append(p.rows, tickerRow{r.id, r.published, t.Symbol, t.Mentions, t.Primary})
	}
	if r.info != "" {
		p.infos = append(p.infos, tickerInfoRow{r.id, r.info})
	}
}

// tickerInfoRow is one ticker_info row waiting to be written.
type tickerInfoRow struct {
	id   int64
	info string
}

// infoChunk is the most rows one ticker_info INSERT carries.
const infoChunk = 500

// insertTickerInfo writes the info rows of a batch, replacing what an
// updated article had.
func (st *saveStmts) insertTickerInfo(ctx context.Context, tx *sql.Tx, rows []tickerInfoRow) error {
	if st.infos == nil {
		st.infos = &multiInsert{into: `ticker_info (article_id, info)`, cols: 2, or: "OR REPLACE", c: st.c}
	}
	return st.infos.run(ctx, tx, len(rows), infoChunk, func(args []any, i int) []any {
		return append(args, rows[i].id, rows[i].info)
	})
}
