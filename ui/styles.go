package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"brief/render"
)

// palette is the one set of colours every style is built from, picked for
// the terminal's background.
type palette struct {
	fg, muted, faint, accent, accent2 color.Color
	selBg, selFg, chipBg, watch       color.Color
	warn, bad, good, border           color.Color
}

func newPalette(dark bool) palette {
	ld := lipgloss.LightDark(dark)
	c := lipgloss.Color
	return palette{
		fg:      ld(c("#1c1c1c"), c("#e4e4e4")),
		muted:   ld(c("#6c6c6c"), c("#9e9e9e")),
		faint:   ld(c("#a8a8a8"), c("#5f5f5f")),
		accent:  ld(c("#005fd7"), c("#5fafff")),
		accent2: ld(c("#8700af"), c("#d787ff")),
		selBg:   ld(c("#d0e4ff"), c("#303a4f")),
		selFg:   ld(c("#000000"), c("#ffffff")),
		chipBg:  ld(c("#e4e4e4"), c("#3a3a3a")),
		watch:   ld(c("#af5f00"), c("#ffaf00")),
		warn:    ld(c("#af5f00"), c("#ffaf5f")),
		bad:     ld(c("#d70000"), c("#ff5f5f")),
		good:    ld(c("#008700"), c("#87d787")),
		border:  ld(c("#bcbcbc"), c("#4e4e4e")),
	}
}

// styles is every lipgloss style of the reader.
type styles struct {
	ascii bool // no colour at all (NO_COLOR): attributes only
	dark  bool

	title, muted, faint, accent, heading, generated lipgloss.Style
	selected, selectedDim, unreadMark, star         lipgloss.Style
	chip, chipWatch, chipSelected                   lipgloss.Style
	border, tabActive, tabInactive                  lipgloss.Style
	status, statusWarn, statusBad, statusGood       lipgloss.Style
	overlay                                         lipgloss.Style
	spark                                           lipgloss.Style
	// header is a pane's first line; headerFocused marks the pane the
	// keys go to. match marks search matches.
	header, headerFocused, match lipgloss.Style

	help help.Styles
	md   render.Style
}

func newStyles(dark, ascii bool) styles {
	n := lipgloss.NewStyle
	if ascii {
		plain := n()
		return styles{
			ascii: true, dark: dark,
			title: n().Bold(true), muted: plain, faint: plain, accent: plain,
			heading: n().Bold(true), generated: plain,
			selected: n().Reverse(true), selectedDim: n().Underline(true),
			unreadMark: n().Bold(true), star: plain,
			chip: plain, chipWatch: n().Bold(true), chipSelected: n().Reverse(true),
			border: plain, tabActive: n().Bold(true).Underline(true), tabInactive: plain,
			status: plain, statusWarn: plain, statusBad: n().Bold(true), statusGood: plain,
			overlay: n().Border(lipgloss.ASCIIBorder()).Padding(0, 1),
			spark:   plain,
			header:  n().Bold(true), headerFocused: n().Bold(true).Reverse(true),
			match: n().Underline(true).Bold(true),
			help: help.Styles{
				Ellipsis: plain, ShortKey: n().Bold(true), ShortDesc: plain, ShortSeparator: plain,
				FullKey: n().Bold(true), FullDesc: plain, FullSeparator: plain,
			},
			md: render.StyleASCII,
		}
	}
	p := newPalette(dark)
	md := render.StyleLight
	if dark {
		md = render.StyleDark
	}
	return styles{
		dark:          dark,
		title:         n().Bold(true).Foreground(p.fg),
		muted:         n().Foreground(p.muted),
		faint:         n().Foreground(p.faint),
		accent:        n().Foreground(p.accent),
		heading:       n().Bold(true).Foreground(p.accent),
		generated:     n().Italic(true).Foreground(p.faint),
		selected:      n().Background(p.selBg).Foreground(p.selFg),
		selectedDim:   n().Background(p.chipBg),
		unreadMark:    n().Bold(true).Foreground(p.accent),
		star:          n().Foreground(p.watch),
		chip:          n().Foreground(p.muted),
		chipWatch:     n().Bold(true).Foreground(p.watch),
		chipSelected:  n().Reverse(true).Bold(true),
		border:        n().Foreground(p.border),
		tabActive:     n().Bold(true).Underline(true).Foreground(p.accent),
		tabInactive:   n().Foreground(p.muted),
		status:        n().Foreground(p.muted),
		statusWarn:    n().Foreground(p.warn),
		statusBad:     n().Bold(true).Foreground(p.bad),
		statusGood:    n().Foreground(p.good),
		overlay:       n().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1),
		spark:         n().Foreground(p.accent2),
		header:        n().Bold(true).Foreground(p.muted),
		headerFocused: n().Bold(true).Foreground(p.selFg).Background(p.accent),
		match:         n().Bold(true).Foreground(p.selFg).Background(p.watch),
		help:          help.DefaultStyles(dark),
		md:            md,
	}
}
