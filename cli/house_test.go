package cli

import (
	"context"
	"errors"

	"brief/config"
	"brief/extract"
	"brief/feed"
	"brief/ingest"
	"brief/remote"
	"brief/store"
)

// testHouse is a House of the real parts, without the user's symbols:
// enough for the commands' own tests (main builds the real one).
type testHouse struct {
	cfgPath, dbPath string
	cfg             *config.Config
	st              *store.Store
	readOnlyWhy     string
}

func (h *testHouse) Config() (*config.Config, error) {
	if h.cfg == nil {
		cfg, err := config.Load(h.cfgPath)
		if err != nil {
			return nil, err
		}
		h.cfg = cfg
	}
	return h.cfg, nil
}

func (h *testHouse) Store(ctx context.Context) (*store.Store, error) {
	if h.st == nil {
		st, err := store.Open(ctx, h.dbPath)
		if err != nil {
			return nil, err
		}
		h.st = st
	}
	return h.st, nil
}

func (h *testHouse) ReadStore(ctx context.Context) (*store.Store, error) {
	st, err := h.Store(ctx)
	if !errors.Is(err, store.ErrReadOnly) {
		return st, err
	}
	if st, err = store.OpenReadOnly(ctx, h.dbPath); err != nil {
		return nil, err
	}
	h.st, h.readOnlyWhy = st, "read-only"
	return st, nil
}

func (h *testHouse) ReadOnly() string { return h.readOnlyWhy }

func (h *testHouse) Ingester(ctx context.Context, readOnly bool) (*ingest.Ingester, error) {
	open := h.Store
	if readOnly {
		open = h.ReadStore
	}
	st, err := open(ctx)
	if err != nil {
		return nil, err
	}
	return &ingest.Ingester{Store: st, Fetcher: feed.NewFetcher(feed.Options{Offline: true})}, nil
}

func (h *testHouse) Extractor() (*extract.Extractor, error) { return extract.New(nil), nil }

func (h *testHouse) Syncer(ctx context.Context) (*remote.Syncer, error) {
	cfg, err := h.Config()
	if err != nil {
		return nil, err
	}
	st, err := h.Store(ctx)
	if err != nil {
		return nil, err
	}
	opts, err := remote.FromConfig(cfg.Sync, "brief-test")
	if err != nil {
		return nil, err
	}
	b, err := remote.New(opts)
	if err != nil {
		return nil, err
	}
	return &remote.Syncer{Store: st, Backend: b, Account: cfg.Sync.Account(), BaseURL: cfg.Sync.URL, Extractor: extract.New(nil)}, nil
}

func (h *testHouse) SymbolsPath() string { return "" }

func (h *testHouse) Explain(err error) error { return err }

func (h *testHouse) Close() {
	if h.st != nil {
		h.st.Close()
	}
}
