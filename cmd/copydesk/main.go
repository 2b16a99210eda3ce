// Command copydesk is the newsroom editor: with no command it opens the
// window; its subcommands are a CLI that other tools script against.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	_ "copydesk/cmd/copydesk/internal/locale" // before Fyne's init; see the package doc
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "0.1.0-dev"

// command is one subcommand. Each lives in its own cmd_*.go file and
// registers itself, so features can add commands without editing a switch.
type command struct {
	name    string
	args    string // usage text for positional arguments: "REF STATUS"
	summary string
	// minArgs/maxArgs bound the positional arguments; maxArgs < 0 means any.
	minArgs, maxArgs int
	flags            func(fs *flag.FlagSet)
	run              func(ctx context.Context, env *env, fs *flag.FlagSet, args []string) error
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

// env is what a command may touch; tests substitute its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
}

func main() {
	os.Exit(runMain(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func runMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	global := flag.NewFlagSet("copydesk", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&e.dbPath, "db", os.Getenv("COPYDESK_DB"), "library database `PATH`")
	help := global.Bool("help", false, "show help")
	global.BoolVar(help, "h", false, "show help")
	if err := global.Parse(args); err != nil {
		fmt.Fprintf(stderr, "copydesk: %v\n", err)
		printUsage(stderr)
		return 2
	}
	if *help {
		printUsage(stdout)
		return 0
	}
	rest := global.Args()
	if len(rest) == 0 {
		if err := runWindow(ctx, e); err != nil {
			fmt.Fprintf(stderr, "copydesk: %v\n", err)
			return 1
		}
		return 0
	}
	name := rest[0]
	if name == "help" {
		if len(rest) > 1 {
			c, ok := commands[rest[1]]
			if !ok {
				fmt.Fprintf(stderr, "copydesk: unknown command %q (run 'copydesk help')\n", rest[1])
				return 2
			}
			printCommandUsage(stdout, c)
			return 0
		}
		printUsage(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "copydesk: unknown command %q (run 'copydesk help')\n", name)
		return 2
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.dbPath, "db", e.dbPath, "library database `PATH`")
	if c.flags != nil {
		c.flags(fs)
	}
	pos, err := parseInterspersed(fs, rest[1:])
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(stdout, c)
		return 0
	}
	if err == nil && (len(pos) < c.minArgs || (c.maxArgs >= 0 && len(pos) > c.maxArgs)) {
		err = usagef("wrong number of arguments")
	}
	if err == nil {
		err = c.run(ctx, e, fs, pos)
	}
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "copydesk %s: %v\nusage: copydesk %s\n", name, err, commandLine(c))
			return 2
		}
		fmt.Fprintf(stderr, "copydesk %s: %v\n", name, oneLine(err.Error()))
		return 1
	}
	return 0
}

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

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func commandLine(c *command) string {
	var fl []string
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if c.flags != nil {
		c.flags(fs)
	}
	fs.VisitAll(func(f *flag.Flag) {
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
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if c.flags != nil {
		c.flags(fs)
	}
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

func init() {
	register(&command{
		name: "version", summary: "print the version", maxArgs: 0,
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			_, err := fmt.Fprintf(e.stdout, "copydesk %s\n", Version)
			return err
		},
	})
}
