package cli

import "github.com/spf13/cobra"

// TODO(stub): the serve command.
func newServeCmd(app *App) *cobra.Command {
	return &cobra.Command{Use: "serve", Short: "serve (not yet implemented)", Hidden: true}
}
