// Package testtext is text for tests of several packages: the terminal
// contract stated apart from internal/sanitize, so that a mistake there
// shows up in the tests of what uses it, and a fixed finance text that
// benchmarks build articles from.
package testtext

// Forbidden reports whether r must not reach a terminal: C0 controls
// other than tab and newline, DEL, C1 controls, and bidi overrides and
// isolates.
func Forbidden(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// FirstForbidden returns the first rune of s that Forbidden refuses.
func FirstForbidden(s string) (rune, bool) {
	for _, r := range s {
		if Forbidden(r) {
			return r, true
		}
	}
	return 0, false
}

// Sentences are a finance article's sentences, with a CJK one, an emoji
// and a long link.
var Sentences = []string{
	"Shares of Alibaba (BABA) rose 4.2% in Hong Kong after the company reported quarterly revenue of $30.7 billion, ahead of estimates.",
	"The Federal Reserve held its benchmark rate in a range of 5.25% to 5.5%, as policymakers waited for clearer signs that inflation is cooling.",
	"Analysts at several brokerages raised their price targets, citing stronger cloud growth and a recovery in domestic consumption.",
	"Treasury yields slipped, with the ten-year note falling six basis points to 4.12%, while the dollar weakened against the yen.",
	"阿里巴巴集团表示，云计算业务收入同比增长，国际电商业务继续扩张。",
	"Oil prices climbed for a third session 📈 as traders weighed supply cuts against signs of softer demand in Europe.",
	"Management said it would return more capital to shareholders through buybacks and a higher annual dividend.",
	"Full details are in the filing at https://www.sec.gov/Archives/edgar/data/1577552/000095017024012345/baba-20240331-annual-report-form-20f.htm for readers who want the numbers.",
}
