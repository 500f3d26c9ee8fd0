package xmlprep

import (
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A legacy CJK document decodes without errors under several candidate
// charsets, because their byte ranges overlap; only one of the decodings
// reads as text. So each candidate is scored by how much of its decoding
// consists of characters that are common in its language. Byte-range
// statistics alone cannot separate GB2312 from EUC-KR or EUC-JP, which share
// the same lead and trail bytes.
type candidate struct {
	name string
	enc  encoding.Encoding
	lang uint8
}

var candidates = []candidate{
	{"gb18030", simplifiedchinese.GB18030, langZhHans},
	{"big5", traditionalchinese.Big5, langZhHant},
	{"shift_jis", japanese.ShiftJIS, langJa},
	{"euc-jp", japanese.EUCJP, langJa},
	{"euc-kr", korean.EUCKR, langKo},
}

const (
	// guessSample bounds the work spent guessing; a charset shows itself
	// long before 64 KB of non-ASCII text.
	guessSample = 64 << 10
	// minScore is the share of common characters a CJK decoding needs to
	// beat windows-1252. Right decodings of real text score about 0.7 to
	// 1.0, even for a four-character headline. Wrong ones rarely pass 0.2
	// (Big5 reading EUC-JP reached 0.34: the kana rows land on Big5's most
	// frequent characters), and Western text read as CJK scores below zero
	// from decoding errors.
	minScore = 0.25
)

// guess picks a charset for an undeclared document that is not valid UTF-8.
func guess(body []byte) (string, encoding.Encoding) {
	if mostlyUTF8(body) {
		return "utf-8", nil
	}
	sample := sampleOf(body)
	best, bestScore := -1, minScore
	for i, c := range candidates {
		text, err := c.enc.NewDecoder().Bytes(sample)
		if err != nil {
			continue
		}
		if s := score(text, c.lang); s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		// The web's default for undeclared Western text; it also maps every
		// byte, so nothing is lost to U+FFFD.
		return "windows-1252", charmap.Windows1252
	}
	return candidates[best].name, candidates[best].enc
}

// mostlyUTF8 accepts a UTF-8 document with a few stray bytes of another
// charset, which is common in feeds assembled from several sources. Legacy
// CJK text forms valid UTF-8 sequences only by accident, far below this
// ratio.
func mostlyUTF8(b []byte) bool {
	multi, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi >= 4*invalid
}

// sampleOf returns up to guessSample bytes starting near the first non-ASCII
// byte. Both ends sit on bytes that no candidate uses inside a multi-byte
// character (below '0', '<' or '>'), so the sample does not open or close
// with half a character.
func sampleOf(b []byte) []byte {
	start := 0
	for start < len(b) && b[start] < utf8.RuneSelf {
		start++
	}
	for start > 0 && !boundary(b[start-1]) {
		start--
	}
	end := len(b)
	if end-start > guessSample {
		end = start + guessSample
		for end > start && !boundary(b[end-1]) {
			end--
		}
	}
	return b[start:end]
}

func boundary(c byte) bool { return c < '0' || c == '<' || c == '>' }

// score is the share of non-ASCII characters in text that are common in the
// language, with decoding errors counting against it.
func score(text []byte, lang uint8) float64 {
	total, hits, errs := 0, 0, 0
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		if r < utf8.RuneSelf {
			continue
		}
		total++
		switch {
		case r == utf8.RuneError:
			errs++
		case common(r)&lang != 0:
			hits++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(hits-3*errs) / float64(total)
}
