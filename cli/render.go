package cli

import "github.com/spf13/cobra"

// TODO(stub): the render command.
func newRenderCmd(app *App) *cobra.Command {
	return &cobra.Command{Use: "render", Short: "render (not yet implemented)", Hidden: true}
}
