// Command copydesk is the newsroom editor: with no command it opens the
// window; its subcommands are a CLI that other tools script against.
//
// Each subcommand is one cmd_<name>.go file that registers a command in
// its init: a name, a usage line, the flags, and a named run function.
// main.go parses the global flags and dispatches; command.go holds the
// parsing and help every command shares; store.go opens the library and
// finds articles the same way for every command.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"copydesk/editor"

	_ "copydesk/cmd/copydesk/internal/locale" // before Fyne's init; see the package doc
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "0.1.0-dev"

// env is what a command may touch; tests substitute its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
}

func main() {
	os.Exit(runMain(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// runMain runs one command line and returns the exit status: 0 done, 1 a
// well-formed command that failed, 2 a malformed call.
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
	if rest[0] == "help" {
		return runHelp(stdout, stderr, rest[1:])
	}
	c, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "copydesk: unknown command %q (run 'copydesk help')\n", rest[0])
		return 2
	}
	return c.execute(ctx, e, rest[1:])
}

// runHelp is "copydesk help [COMMAND]".
func runHelp(stdout, stderr io.Writer, args []string) int {
	if len(args) == 0 {
		printUsage(stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "copydesk: unknown command %q (run 'copydesk help')\n", args[0])
		return 2
	}
	printCommandUsage(stdout, c)
	return 0
}

// execute parses the command's own flags and arguments, runs it and
// reports how it ended.
func (c *command) execute(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.dbPath, "db", e.dbPath, "library database `PATH`")
	run := c.setup(fs)
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(e.stdout, c)
		return 0
	}
	if err == nil && (len(pos) < c.minArgs || (c.maxArgs >= 0 && len(pos) > c.maxArgs)) {
		err = usagef("wrong number of arguments")
	}
	if err == nil {
		err = run(ctx, e, pos)
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "copydesk %s: %v\nusage: copydesk %s\n", c.name, err, commandLine(c))
		return 2
	default:
		fmt.Fprintf(e.stderr, "copydesk %s: %v\n", c.name, editor.OneLine(err.Error()))
		return 1
	}
}
