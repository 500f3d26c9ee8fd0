package extract

import "strings"

// alias: a company name the directory knows, matched word by word.
func (s *tickScan) alias(i int, w string) bool {
	t := s.tt.toks[i]
	cut := 0
	if t.flags&tickIsSep != 0 {
		cut = tickHyphenCut(w)
	}
	if !s.d.mayStart(w, t.flags) && (cut == 0 || !s.d.mayStart(w[:cut], t.flags)) {
		return false
	}
	for pass := 0; pass < 2; pass++ {
		key := w
		if pass == 1 {
			if cut == 0 {
				break
			}
			key = w[:cut]
		}
		if s.aliasFrom(i, s.aliasCands(key)) {
			return true
		}
	}
	return false
}

// aliasFrom matches the first of cands that fits at word i.
func (s *tickScan) aliasFrom(i int, cands []tickAlias) bool {
	start := s.tt.toks[i].start
	for ai := range cands {
		a := &cands[ai]
		m := s.matchAliasAt(a, i)
		if m == 0 {
			continue
		}
		if a.digitLead && start > 0 && strings.IndexByte("$€£¥", s.tt.text[start-1]) >= 0 {
			continue
		}
		last := i + m - 1
		if a.ambiguous {
			s.weakAlias(a.sec, i, last)
			s.use(i, last)
		} else {
			s.hit(tickRankAlias, a.sec, "", i, last)
		}
		return true
	}
	return false
}

// aliasCands returns the aliases whose first word is w in any case.
func (s *tickScan) aliasCands(w string) []tickAlias {
	var buf [48]byte
	if len(w) > len(buf) {
		return nil
	}
	for j := 0; j < len(w); j++ {
		buf[j] = tickLowerByte(w[j])
	}
	return s.d.aliases[string(buf[:len(w)])]
}

// tickHyphenCut returns where a company name ends in "Nvidia-backed", or 0.
func tickHyphenCut(w string) int {
	j := strings.IndexByte(w, '-')
	if j <= 0 || !tickHyphenTails[w[j+1:]] {
		return 0
	}
	return j
}

// matchAliasAt returns how many words alias a covers starting at word i, or
// 0 if it does not match there.
func (s *tickScan) matchAliasAt(a *tickAlias, i int) int {
	m := len(a.words)
	if i+m > len(s.tt.toks) {
		return 0
	}
	for x := 0; x < m; x++ {
		k := i + x
		t := s.tt.toks[k]
		if x > 0 && (t.flags&tickIsUsed != 0 || !tickAliasGap(s.gap(k-1, k))) {
			return 0
		}
		if !tickAliasWord(s.tt.str(k), t.flags, a, x) {
			return 0
		}
	}
	return m
}

// aliasEndsWith reports whether an alias of sec ends at word p, whose text
// is last (the whole word, or the name part of a glued chip). It returns
// how many words before p the alias takes, or -1.
func (s *tickScan) aliasEndsWith(sec int32, p int, last string, lastFlags uint16) int {
	if sec < 0 {
		return -1
	}
next:
	for ai := range s.d.secAliases[sec] {
		a := &s.d.secAliases[sec][ai]
		m := len(a.words)
		first := p - (m - 1)
		if first < 0 || !tickAliasWord(last, lastFlags, a, m-1) {
			continue
		}
		for x := 0; x < m-1; x++ {
			k := first + x
			if !tickAliasWord(s.tt.str(k), s.tt.toks[k].flags, a, x) || !tickAliasGap(s.gap(k, k+1)) {
				continue next
			}
		}
		return m - 1
	}
	return -1
}

// tickAliasGap accepts what may stand between two words of a name:
// spaces, and the punctuation some names carry ("Warner Bros. Discovery",
// "Yum! Brands", "Becton, Dickinson").
func tickAliasGap(g string) bool {
	if g == "" || len(g) > 3 {
		return false
	}
	for j := 0; j < len(g); j++ {
		switch g[j] {
		case ' ', ',', '.', '!':
		default:
			return false
		}
	}
	return g[len(g)-1] == ' '
}

// tickAliasWord matches word x of alias a against a word of the text. An
// all-capitals alias word (PDD, TSMC) must match exactly; otherwise the
// first letter must match exactly and the rest in any case, so "Nvidia"
// finds "NVIDIA" but "Apple" never finds "apple".
func tickAliasWord(w string, flags uint16, a *tickAlias, x int) bool {
	aw := a.words[x]
	if a.poss&(1<<x) != 0 && flags&tickIsPossessive == 0 {
		return false
	}
	if x == len(a.words)-1 && len(w) > len(aw) {
		if cut := tickHyphenCut(w); cut == len(aw) {
			w = w[:cut]
		}
	}
	if len(w) != len(aw) {
		return false
	}
	if a.anyCase {
		return strings.EqualFold(w, aw)
	}
	if !tickHasLower(aw) {
		return w == aw
	}
	return w[0] == aw[0] && strings.EqualFold(w[1:], aw[1:])
}

func tickHasLower(w string) bool {
	for j := 0; j < len(w); j++ {
		if c := w[j]; 'a' <= c && c <= 'z' || c >= 0x80 {
			return true
		}
	}
	return false
}
