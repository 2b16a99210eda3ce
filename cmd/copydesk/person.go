package main

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"strings"

	"copydesk/editor"
)

// ensurePerson fills Settings.PersonName from the operating system's
// account (full name, else login name) when nobody has set one, so that
// revisions, notes and status moves made from the CLI or before the
// Settings dialog is opened say who made them instead of "(no name)".
// COPYDESK_PERSON names the person instead of the account (for shared
// accounts and scripts); set but empty, it leaves the name alone.
func ensurePerson(ctx context.Context, store editor.Store) error {
	return ensurePersonFrom(ctx, store, user.Current)
}

// ensurePersonFrom is ensurePerson with the account looked up by
// account, so tests can be anyone.
func ensurePersonFrom(ctx context.Context, store editor.Store, account func() (*user.User, error)) error {
	override, overridden := os.LookupEnv("COPYDESK_PERSON")
	if overridden && strings.TrimSpace(override) == "" {
		return nil
	}
	s, err := store.Settings(ctx)
	if err != nil {
		return fmt.Errorf("read settings: %w", err)
	}
	if strings.TrimSpace(s.PersonName) != "" {
		return nil
	}
	name := strings.TrimSpace(override)
	if name == "" {
		u, err := account()
		if err != nil {
			return nil // no account to name; the name stays empty until set in Settings
		}
		name = strings.TrimSpace(strings.Split(u.Name, ",")[0]) // GECOS: "Full Name,room,phone"
		if name == "" {
			name = u.Username
		}
	}
	if name == "" {
		return nil
	}
	s.PersonName = name
	if err := store.SaveSettings(ctx, s); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}
