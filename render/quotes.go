package render

import "strings"

// maxQuoteDepth is how deep block quotes nest on screen. Real articles
// quote a quote at most; glamour's cost grows with the depth of every
// line, and 4,000 lines quoted 40 deep took two seconds.
const maxQuoteDepth = 6

// capQuoteDepth keeps at most maxQuoteDepth quote markers at the start of
// each line, in one pass.
func capQuoteDepth(md string) string {
	if !strings.Contains(md, ">") {
		return md
	}
	var b strings.Builder
	changed := false
	for line := range strings.Lines(md) {
		depth, cut, i := 0, -1, 0
		for i < len(line) && depth <= maxQuoteDepth {
			switch line[i] {
			case ' ':
				i++
				continue
			case '>':
				depth++
				if depth == maxQuoteDepth+1 {
					cut = i
				}
				i++
				continue
			}
			break
		}
		if cut < 0 {
			b.WriteString(line)
			continue
		}
		// Drop every further marker.
		j := cut
		for j < len(line) && (line[j] == '>' || line[j] == ' ') {
			j++
		}
		b.WriteString(line[:cut])
		b.WriteString(line[j:])
		changed = true
	}
	if !changed {
		return md
	}
	return b.String()
}
