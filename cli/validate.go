package cli

import "github.com/spf13/cobra"

// TODO(stub): the validate command.
func newValidateCmd(app *App) *cobra.Command {
	return &cobra.Command{Use: "validate", Short: "validate (not yet implemented)", Hidden: true}
}
