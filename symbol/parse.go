package symbol

import (
	"errors"
	"fmt"
	"strings"
)

// MaxLen is the longest a symbol can be. The longest real ones
// ("EURUSD=X", "600519.SS", "BTC-USDT") are far shorter.
const MaxLen = 16

// Valid reports whether s can be a symbol in normal form: at most MaxLen
// capitals and digits, with the separators symbols use (BRK.B, BTC-USD,
// ^GSPC, EURUSD=X).
func Valid(s string) bool {
	if s == "" || len(s) > MaxLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '^' || c == '=') {
			return false
		}
	}
	return true
}

// Parse reads a symbol as a person writes one (in the config file, on the
// command line, in the reader) and returns it as stored articles spell it
// (see Normalize): "$nvda" is NVDA, "brk-b" BRK.B, "HKEX:700" 0700.HK. It
// refuses what can be no symbol, saying why in words a user understands;
// the symbol in the message is quoted, so no control character in it
// reaches a terminal.
func Parse(s string) (string, error) {
	if strings.Trim(s, " \t\r\n$") == "" {
		return "", errors.New("a ticker symbol cannot be empty")
	}
	sym := Normalize(s)
	switch {
	case len(sym) > MaxLen:
		return "", fmt.Errorf("ticker symbol %q is longer than %d characters", s, MaxLen)
	case !Valid(sym) || !strings.ContainsFunc(sym, isAlnum):
		return "", fmt.Errorf("%q is not a ticker symbol: symbols are letters and digits, with . - ^ = as in BRK.B, BTC-USD, ^GSPC", s)
	}
	return sym, nil
}

func isAlnum(r rune) bool { return 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' }
