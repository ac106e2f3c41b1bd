package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// writeCommandDoc writes the reference page of one command in Markdown:
// what it does, its usage, examples, its flags and the flags it inherits,
// and links to its subcommands.
func writeCommandDoc(w io.Writer, cmd *cobra.Command) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", cmd.CommandPath(), cmd.Short)
	if cmd.Long != "" {
		fmt.Fprintf(&b, "%s\n\n", cmd.Long)
	}
	if cmd.Runnable() {
		fmt.Fprintf(&b, "```\n%s\n```\n\n", cmd.UseLine())
	}
	if cmd.Example != "" {
		fmt.Fprintf(&b, "## Examples\n\n```\n%s\n```\n\n", strings.TrimRight(cmd.Example, "\n"))
	}
	if fs := cmd.NonInheritedFlags(); fs.HasAvailableFlags() {
		fmt.Fprintf(&b, "## Flags\n\n```\n%s```\n\n", fs.FlagUsages())
	}
	if fs := cmd.InheritedFlags(); fs.HasAvailableFlags() {
		fmt.Fprintf(&b, "## Flags of every command\n\n```\n%s```\n\n", fs.FlagUsages())
	}
	var subs []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			subs = append(subs, fmt.Sprintf("- [%s](%s) — %s", c.CommandPath(), docFile(c), c.Short))
		}
	}
	if len(subs) > 0 {
		fmt.Fprintf(&b, "## Commands\n\n%s\n\n", strings.Join(subs, "\n"))
	}
	if cmd.HasParent() {
		fmt.Fprintf(&b, "See also [%s](%s).\n", cmd.Parent().CommandPath(), docFile(cmd.Parent()))
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// docFile names a command's reference page: rampart_rules_explain.md.
func docFile(cmd *cobra.Command) string {
	return strings.ReplaceAll(cmd.CommandPath(), " ", "_") + ".md"
}

// walkCommands calls fn for the command and each available subcommand,
// depth first.
func walkCommands(cmd *cobra.Command, fn func(*cobra.Command) error) error {
	if err := fn(cmd); err != nil {
		return err
	}
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			if err := walkCommands(c, fn); err != nil {
				return err
			}
		}
	}
	return nil
}
