package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

func newCatalogCommand(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "catalog [DIALECT [SERVICE]]",
		Short: "List the actions rampart knows, with the catalogue's source and date",
		Long: `catalog lists the services of a dialect's action catalogue, or the actions of one
service with their access level, resource types and condition keys. Without
arguments it lists each dialect's catalogue and where it comes from.`,
		Example: `  rampart catalog
  rampart catalog acs
  rampart catalog aws s3`,
		Args:      cobra.MaximumNArgs(2),
		ValidArgs: []string{"acs", "jdcloud", "aws"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				for _, d := range policydoc.Dialects {
					c, err := catalog.Load(d)
					if err != nil {
						return err
					}
					src := c.Source()
					fmt.Fprintf(s.out, "%-8s %5d services %6d actions  %s %s (%s)\n", d, len(c.Services()), len(c.Actions()), src.Name, src.Version, src.Date)
				}
				return nil
			}
			d, err := policydoc.ParseDialect(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			c, err := catalog.Load(d)
			if err != nil {
				return err
			}
			service := ""
			if len(args) == 2 {
				service = args[1]
				if _, ok := c.Service(service); !ok {
					return usageError("the %s catalogue has no service %q", d, service)
				}
			}
			return c.WriteListing(s.out, service)
		},
	}
}
