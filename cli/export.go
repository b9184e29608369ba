package cli

import "github.com/spf13/cobra"

// TODO(stub): the export command.
func newExportCmd(app *App) *cobra.Command {
	return &cobra.Command{Use: "export", Short: "export (not yet implemented)", Hidden: true}
}
