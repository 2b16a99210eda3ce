package main

import (
	"context"
	"fmt"
)

// runWindow opens the desktop window. The editing window replaces this.
func runWindow(ctx context.Context, e *env) error {
	return fmt.Errorf("the window is not built yet")
}
