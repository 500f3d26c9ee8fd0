package cli

import (
	"context"
	"fmt"

	"brief/store"
)

// runLatest is what a bare `brief` does: on an empty store it fetches first,
// so that a new user sees the sample briefings straight away.
func runLatest(ctx context.Context, a *app) error {
	st, err := a.readStore(ctx)
	if err != nil {
		return err
	}
	n, err := st.Count(ctx, store.Query{})
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(a.stderr, "No articles yet: fetching your feeds first.")
		if _, err := fetchAll(ctx, a, true); err != nil {
			return err
		}
	}
	arts, err := st.List(ctx, store.Query{Limit: 30})
	if err != nil {
		return err
	}
	writeArticleTable(a.stdout, arts, a.now(), termWidth(a.stdout))
	return nil
}
