package extract

// tickerFinder is the ticker search of the Directory. Reaching it through
// an interface lets the package build while Directory.Tickers is being
// written.
type tickerFinder interface {
	Tickers(in Input) []Ticker
}

func (e *Extractor) tickers(in Input) []Ticker {
	if f, ok := any(e.dir).(tickerFinder); ok {
		return f.Tickers(in)
	}
	return nil
}
