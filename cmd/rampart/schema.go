package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/schema"
)

func newSchemaCommand(s *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON schemas rampart validates with, for editors",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "print KIND",
		Short: "Print one schema: " + strings.Join(schema.Names(), ", "),
		Example: `  rampart schema print acs-identity > .vscode/acs-identity.schema.json
  rampart schema print inventory`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: schema.Names(),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := schema.Source(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			_, err = s.out.Write(b)
			return err
		},
	})
	return cmd
}
