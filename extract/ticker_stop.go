package extract

import "strings"

// tickerAbbrevs are all-caps words of finance copy that are not tickers:
// titles, metrics, agencies, currencies, places, exchanges and indexes. They
// never count as a ticker in parentheses, as a cashtag, bare, or as a feed
// category; only an exchange prefix (NASDAQ: AI) can make one a ticker.
// Real tickers that are also abbreviations (GM, IT, ICE) are not here but
// flagged "word" in the directory, which keeps them to strong signals.
var tickerAbbrevs = tickerSet(`
	CEO CFO COO CTO CIO CMO CSO CRO CHRO EVP SVP VP MD PHD MBA CPA CFA
	AI AGI ML LLM LLMS GPU GPUS CPU CPUS TPU NPU HBM DRAM NAND SSD PC PCS TV
	OS API APIS SAAS IOT AR VR XR EV EVS 5G LTE HR PR IP
	IPO IPOS SPAC SPACS ETF ETFS ETN ETNS ADR ADRS ADS REIT REITS NAV AUM
	ESG AGM EGM DEI KPI KPIS ROI ROE ROA ROIC ROCE EPS DPS FCF EBIT EBITA
	EBITDA OPEX CAPEX COGS R&D M&A LBO MBO PE VC NIM NII ARR MRR ARPU DAU
	MAU GMV TAM SAM CAGR YOY QOQ MOM YTD MTD QTD TTM LTM NTM FY FYE
	Q1 Q2 Q3 Q4 H1 H2 1H 2H 1Q 2Q 3Q 4Q GAAP IFRS BPS
	GDP GNP CPI PPI PCE PMI ISM NFP JOLTS
	FOMC FED ECB BOJ BOE PBOC SNB RBA RBI IMF WTO WHO UN NATO OPEC OECD
	IEA EIA SEC FDA FTC DOJ DOE DOD FCC FAA NHTSA EPA IRS CFTC FINRA OCC
	FDIC CFPB CSRC NDRC UAW
	USD EUR GBP JPY CNY CNH RMB HKD CAD AUD NZD CHF INR KRW TWD SGD BRL MXN
	ZAR TRY RUB SEK NOK DKK USDT USDC
	US USA UK EU HK PRC UAE GCC APAC EMEA LATAM ASEAN NYC DC
	NYSE NASDAQ AMEX HKEX SEHK TSX TSXV LSE TSE TYO JPX SSE SZSE KRX ASX
	OTC CBOE BATS ARCA
	S&P DJIA SPX NDX RUT VIX DAX CAC FTSE HSI KOSPI NIKKEI TOPIX STOXX MSCI
	WTI LNG LPG
	ET EST EDT PT PST PDT CT GMT UTC BST CET HKT JST AM PM
	LLC LP LLP INC CORP CO LTD PLC AG SA NV GMBH
	AWS GCP NFT NFTS DEFI DAO COVID SARS ATH ETC FAQ TBD ASAP FYI
	II III IV VI VII VIII IX XI XII
	DOGE
`)

// tickerWords are English words and letters an all-caps line is made of.
// Some are real tickers (ALL, NOW, ON, KEY, A); those count through strong
// signals only, never bare, and the directory flags its own such symbols.
var tickerWords = tickerSet(`
	A AN AND ARE AS AT BE BUT BY CAN DO FOR FROM GO HAS HAVE HE HER HIS I IF
	IN IS IT ITS ME MY NO NOT NOW OF OFF OK ON ONE OR OUR OUT SO THE TO TWO
	UP WE WHO WHY YOU ALL ANY NEW OLD BIG BEST GOOD WELL LOVE PLAY RUN SAVE
	TRUE REAL LIVE CASH BUY SELL HOLD LONG SHORT CALL PUT OPEN HIGH LOW NEXT
	BEAT MISS KEY HOT TOP FUN EAT CAR CARS JOB JOBS AIR SEE SAY WIN FREE MAN
	MEN HOME LIFE WORK TECH DATA NET FAST SAFE EDGE CORE TEAM TEN CAT DIS
	MA HD GM MS DE WM PH TT CL EL EA GD CI CB DD
`)

func tickerSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// tickerStockWords, after a bare symbol, say the symbol is a security:
// "UNH stock", "PLTR calls", "AVGO rose 2.6%".
var tickerStockWords = tickerSet(`
	shares share stock stocks ADR ADRs ADSs holders shareholders options calls
	puts position positions stake
	rose rises rising fell falls falling gained gains gaining lost loses
	jumped jumps climbed climbs declined declines dropped drops slid slides
	slipped slips tumbled tumbles surged surges rallied rallies sank sinks
	plunged plunges soared soars advanced advances retreated edged added
	shed traded trades trading closed closes opened opens
`)

// tickerBeforeWords, before a bare symbol, say the same: "shares of MSFT",
// "bought PLTR", "stake in MSFT".
var tickerBeforeWords = tickerSet(`
	bought buying buys sold selling sells trimmed trims added adds shorted
	shorting owns owned holds ticker symbol
`)

// tickBeforePair recognises two-word lead-ins: "stake in MSFT".
func tickBeforePair(a, b string) bool {
	switch b {
	case "of":
		return a == "shares" || a == "stock"
	case "in":
		return a == "stake" || a == "stakes" || a == "position" || a == "positions"
	case "to":
		return a == "exposure"
	case "on":
		return a == "bet" || a == "bets"
	}
	return false
}

// tickerCompanyWords follow a company's name but rarely a common word:
// corporate suffixes, stock words and reporting verbs. They confirm an
// ambiguous alias: "Target Corp.", "Shell shares", "Strategy said".
var tickerCompanyWords = tickerSet(`
	Corp Corporation Inc Incorporated Co Company Companies Ltd Limited plc PLC
	Plc Group Holdings Holding AG SE SA NV N.V
	shares stock stocks ADRs shareholders investors
	said says reported reports announced announces agreed agrees posted posts
	disclosed discloses plans planned expects expected forecast forecasts
	warned warns raised raises lowered lowers cut cuts bought buys sold sells
	rose fell gained jumped dropped slid slipped climbed declined tumbled
	surged rallied sank plunged soared beat missed will would
`)
