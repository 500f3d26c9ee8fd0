package cli

import (
	"github.com/spf13/cobra"

	"brief/config"
)

func newExportCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "export",
		Short: "Write the subscriptions as OPML 2.0 to standard output",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.house.Config()
			if err != nil {
				return err
			}
			return config.WriteOPML(a.stdout, cfg.Subscriptions(), "brief subscriptions")
		},
	}
}
