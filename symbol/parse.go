package symbol

import (
	"errors"
	"fmt"
	"slices"
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

// ErrEmpty is Parse's error for a blank symbol ("", " ", "$").
var ErrEmpty = errors.New("a ticker symbol cannot be empty")

// Parse reads a symbol as a person writes one (in the config file, on the
// command line, in the reader) and returns it as stored articles spell it
// (see Normalize): "$nvda" is NVDA, "brk-b" BRK.B, "HKEX:700" 0700.HK. It
// refuses what can be no symbol, saying why in words a user understands;
// the symbol in the message is quoted, so no control character in it
// reaches a terminal.
func Parse(s string) (string, error) {
	if strings.Trim(s, " \t\r\n$") == "" {
		return "", ErrEmpty
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

// ParseList reads symbols as a command line gives them, each argument
// holding one or several separated by commas ("BABA,nvda" "brk-b"). Blank
// entries are skipped and repeats dropped, the first kept; the result may
// be empty. The first symbol Parse refuses is the error.
func ParseList(args ...string) ([]string, error) {
	var out []string
	for _, arg := range args {
		for _, s := range strings.Split(arg, ",") {
			sym, err := Parse(s)
			switch {
			case errors.Is(err, ErrEmpty):
			case err != nil:
				return nil, err
			case !slices.Contains(out, sym):
				out = append(out, sym)
			}
		}
	}
	return out, nil
}

func isAlnum(r rune) bool { return 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' }
