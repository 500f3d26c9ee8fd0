package extract

// ctxFunction words end the noun phrase after a figure and are never part
// of the subject before it.
var ctxFunction = map[string]bool{
	"in": true, "on": true, "at": true, "to": true, "from": true, "by": true, "for": true,
	"with": true, "over": true, "after": true, "before": true, "during": true, "since": true,
	"than": true, "as": true, "into": true, "through": true, "above": true, "below": true,
	"against": true, "versus": true, "vs": true, "per": true, "amid": true, "despite": true,
	"toward": true, "towards": true, "near": true, "between": true, "within": true,
	"and": true, "or": true, "but": true, "nor": true, "while": true, "which": true,
	"that": true, "who": true, "when": true, "where": true, "because": true, "so": true,
	"although": true, "though": true, "if": true, "whereas": true, "plus": true, "minus": true,
	"year": true, "year-over-year": true, "year-on-year": true, "yoy": true, "y/y": true,
	"q/q": true, "sequentially": true, "annually": true, "higher": true, "lower": true,
	"more": true, "less": true, "ago": true, "earlier": true, "later": true, "apiece": true,
	"each": true, "respectively": true, "also": true, "still": true, "again": true,
	"then": true, "now": true, "it": true, "they": true, "we": true, "he": true, "she": true,
	"this": true, "these": true, "those": true, "there": true, "here": true, "not": true,
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "of": true, "up": true, "down": true, "about": true, "roughly": true,
	"nearly": true, "around": true, "approximately": true, "almost": true, "some": true,
	"just": true, "only": true, "least": true, "most": true, "under": true, "across": true,
	// number words and units: the next figure, not this one's subject
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "twelve": true,
	"hundred": true, "dozen": true, "several": true, "half": true,
	"thousand": true, "million": true, "billion": true, "trillion": true, "bn": true,
	"percent": true, "pct": true, "bps": true, "bp": true, "points": true, "times": true,
	// adverbs of time
	"overnight": true, "today": true, "yesterday": true, "tomorrow": true, "tonight": true,
	"last": true, "next": true, "prior": true, "previous": true, "already": true,
	"daily": true, "weekly": true, "monthly": true, "quarterly": true, "currently": true,
}

// ctxVerbs are the verbs that link a subject to a figure after it. In
// front of a figure one or two of them belong to the context ("shares were
// up 0.4%"); after it they end the noun phrase. Forms that are also nouns
// ("cut", "gain", "rise") are left out: "a 25 bps cut".
var ctxVerbs = map[string]bool{
	"rose": true, "fell": true, "gained": true, "grew": true, "jumped": true, "surged": true,
	"dropped": true, "declined": true, "slid": true, "slipped": true, "climbed": true,
	"added": true, "lost": true, "increased": true, "decreased": true, "rallied": true,
	"tumbled": true, "plunged": true, "soared": true, "sank": true, "eased": true,
	"edged": true, "advanced": true, "retreated": true, "slumped": true, "dipped": true,
	"was": true, "were": true, "is": true, "are": true, "be": true, "been": true,
	"has": true, "have": true, "had": true, "said": true, "says": true, "reported": true,
	"reached": true, "expects": true, "expected": true, "will": true, "would": true,
	"could": true, "may": true, "might": true, "should": true, "can": true, "trades": true,
	"traded": true, "trade": true, "closed": true, "ended": true, "finished": true,
	"came": true, "stood": true, "remains": true, "remained": true, "beat": true,
	"missed": true, "topped": true, "implies": true, "implied": true, "represents": true,
	"marks": true, "made": true, "gives": true, "gave": true, "helped": true,
	"lifted": true, "raised": true, "lowered": true, "narrowed": true, "widened": true,
	"improved": true, "totaled": true, "totalled": true, "hit": true, "exceeded": true,
	"value": true, "values": true, "valued": true, "bought": true, "sold": true,
	"spent": true, "paid": true, "up": true, "down": true, "set": true, "put": true,
	// particles of phrasal verbs: "set aside", "paid back"
	"aside": true, "back": true, "off": true, "out": true, "guided": true, "repurchased": true,
	"recorded": true, "posted": true, "generated": true, "estimated": true, "climbs": true,
	"rises": true, "falls": true, "gains": true, "jumps": true, "slides": true, "drops": true,
	"holds": true, "held": true, "remain": true, "represent": true, "represented": true,
	"accounted": true, "accounts": true, "include": true, "includes": true, "included": true,
	"compares": true, "compared": true, "marked": true, "comes": true, "went": true,
	"goes": true, "left": true, "took": true, "takes": true, "brought": true, "brings": true,
	"signals": true, "shows": true, "suggests": true, "means": true, "puts": true,
	"leaves": true, "makes": true, "helps": true, "keeps": true, "adds": true,
}

// modals are followed by a verb, whatever that verb looks like.
var modals = map[string]bool{
	"will": true, "would": true, "could": true, "may": true, "might": true, "should": true,
	"can": true, "must": true,
}

// amountVerbs take the first figure as their object ("WTI lost 2.0% to
// $62.75"); they do not carry over to the second.
var amountVerbs = map[string]bool{"lost": true, "gained": true, "added": true, "shed": true}

// ctxLinks are the prepositions that tie a figure to the subject before it:
// "revenue of $88.6 billion", "budget to ¥480 billion", "Brent below $65",
// "the stake for €2.1 billion", "prices by 3% to 5%".
var ctxLinks = map[string]bool{
	"of": true, "to": true, "at": true, "from": true, "near": true, "for": true,
	"by": true, "below": true, "above": true,
}

// hedge reports words that qualify a figure without saying what it is.
func hedge(w string) bool {
	switch w {
	case "about", "roughly", "nearly", "around", "approximately", "almost", "some",
		"just", "only", "over", "than", "more", "less", "least", "under", "a", "an", "the",
		"now", "still", "already", "currently", "net", "another", "record":
		return true
	}
	return false
}

// ppHeads are prepositions whose phrase sits between a subject and its
// verb without naming what the figure measures: "operating income in the
// segment jumped 41%", "raise prices on its newest wafers by 3%".
var ppHeads = map[string]bool{"in": true, "at": true, "on": true, "across": true, "within": true}

// determiners may stand between such a preposition and its noun.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "this": true, "these": true, "those": true, "most": true, "more": true,
}
