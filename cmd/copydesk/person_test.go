package main

import (
	"context"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"testing"

	"copydesk/storage"
)

func TestEnsurePerson(t *testing.T) {
	tests := []struct {
		name    string
		stored  string // PersonName already in the library
		account *user.User
		lookup  error
		env     string // COPYDESK_PERSON; "-" means unset
		want    string
	}{
		{"full name from the account", "", &user.User{Name: "Lisa Johnson,Room 4,555", Username: "ljohnson"}, nil, "-", "Lisa Johnson"},
		{"login name when no full name", "", &user.User{Username: "ljohnson"}, nil, "-", "ljohnson"},
		{"a name someone set is kept", "Marc Dubois", &user.User{Name: "Lisa Johnson"}, nil, "-", "Marc Dubois"},
		{"no account leaves it empty", "", nil, errors.New("no passwd entry"), "-", ""},
		{"COPYDESK_PERSON names the person", "", &user.User{Name: "Lisa Johnson"}, nil, "Night Desk", "Night Desk"},
		{"COPYDESK_PERSON set but empty guesses nothing", "", &user.User{Name: "Lisa Johnson"}, nil, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if tc.stored != "" {
				s, _ := db.Settings(ctx)
				s.PersonName = tc.stored
				if err := db.SaveSettings(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("COPYDESK_PERSON", tc.env)
			if tc.env == "-" {
				os.Unsetenv("COPYDESK_PERSON")
			}
			account := func() (*user.User, error) { return tc.account, tc.lookup }
			if err := ensurePersonFrom(ctx, db, account); err != nil {
				t.Fatal(err)
			}
			s, err := db.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if s.PersonName != tc.want {
				t.Errorf("PersonName = %q, want %q", s.PersonName, tc.want)
			}
		})
	}
}
