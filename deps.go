package main

import (
	_ "charm.land/bubbles/v2/key"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/glamour/v2"
	_ "charm.land/lipgloss/v2"
	_ "github.com/BurntSushi/toml"
	_ "github.com/JohannesKaufmann/html-to-markdown/v2"
	_ "github.com/adrg/xdg"
	_ "github.com/mmcdole/gofeed"
	_ "github.com/spf13/cobra"
	_ "golang.org/x/net/html/charset"
	_ "golang.org/x/text/encoding"
	_ "modernc.org/sqlite"
)

func main() {}
