package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// command is one subcommand. Each lives in its own cmd_<name>.go file and
// registers itself in that file's init, so adding a command is adding a
// file:
//
//	func init() {
//		register(&command{
//			name: "words", args: "REF", minArgs: 1, maxArgs: 1,
//			summary: "count an article's words",
//			setup: func(fs *flag.FlagSet) runFunc {
//				asJSON := fs.Bool("json", false, "print JSON")
//				return func(ctx context.Context, e *env, args []string) error {
//					return runWords(ctx, e, args[0], *asJSON)
//				}
//			},
//		})
//	}
type command struct {
	name    string
	args    string // usage text for positional arguments: "REF STATUS"
	summary string
	// minArgs/maxArgs bound the positional arguments; maxArgs < 0 means any.
	minArgs, maxArgs int
	// setup declares the command's flags on fs and returns the function
	// that runs it with their values once fs is parsed. It is called
	// afresh for every run and for help, so no flag value outlives a run.
	setup func(fs *flag.FlagSet) runFunc
}

// runFunc runs a command with its positional arguments, already counted.
// A usageError it returns exits 2 with the usage line; any other error
// exits 1 with the error on one line.
type runFunc func(ctx context.Context, e *env, args []string) error

// noFlags is setup for a command that has no flags of its own.
func noFlags(run runFunc) func(*flag.FlagSet) runFunc {
	return func(*flag.FlagSet) runFunc { return run }
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

// usageError makes the process exit 2: the call was malformed, as opposed
// to a well-formed command that failed (exit 1).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// parseInterspersed lets flags stand before, between or after positional
// arguments ("show REF --json" and "show --json REF"); everything after a
// "--" that is not a flag's value is positional, so a file named "-x" can
// still be imported.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
		if takesValue(fs, a) {
			i++ // the next argument is this flag's value, even if it is "--"
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(pos, tail...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// takesValue reports whether arg is a "-name" or "--name" flag (without
// "=value") whose value is the following argument.
func takesValue(fs *flag.FlagSet, arg string) bool {
	if len(arg) < 2 || arg[0] != '-' || strings.Contains(arg, "=") {
		return false
	}
	name := strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return false
	}
	return true
}

// flagSet is the command's own flags, for its help.
func (c *command) flagSet() *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.setup(fs)
	return fs
}

func commandLine(c *command) string {
	var fl []string
	c.flagSet().VisitAll(func(f *flag.Flag) {
		name, _ := flag.UnquoteUsage(f)
		if name == "" {
			fl = append(fl, "[--"+f.Name+"]")
		} else {
			fl = append(fl, "[--"+f.Name+" "+name+"]")
		}
	})
	s := c.name
	if len(fl) > 0 {
		s += " " + strings.Join(fl, " ")
	}
	if c.args != "" {
		s += " " + c.args
	}
	return s
}

func printCommandUsage(w io.Writer, c *command) {
	fmt.Fprintf(w, "usage: copydesk [--db PATH] %s\n\n%s\n", commandLine(c), c.summary)
	fs := c.flagSet()
	fs.SetOutput(w)
	fs.PrintDefaults()
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "usage: copydesk [--db PATH] [COMMAND] [ARGS]\n\nWith no command, opens the window. The library is %s\nunless --db or COPYDESK_DB names another.\n\nCommands:\n", defaultDBPathText())
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nRun 'copydesk help COMMAND' for a command's flags.\n")
}
