package editor

import (
	"strings"
	"time"
)

// Role is what a person does on the desk.
type Role string

// Roles a person can have.
const (
	RoleReporter Role = "reporter"
	RoleEditor   Role = "editor"
)

// Settings are kept in the library, so a newsroom's choices travel with it.
type Settings struct {
	Masthead        string   `json:"masthead"`
	Tagline         string   `json:"tagline"`
	SiteURL         string   `json:"site_url"` // base URL without trailing slash
	Sections        []string `json:"sections"`
	Language        string   `json:"language"`  // BCP 47, "en-US"
	TimeZone        string   `json:"time_zone"` // IANA name, "America/Chicago"
	HeadlineGuide   int      `json:"headline_guide"`
	SummaryGuide    int      `json:"summary_guide"`
	PersonName      string   `json:"person_name"`
	PersonEmail     string   `json:"person_email"` // signs this person's commits on a shared desk
	PersonRole      Role     `json:"person_role"`
	FontSize        float32  `json:"font_size"`
	Theme           string   `json:"theme"` // "system", "light", "dark"
	AutosaveDelayMS int      `json:"autosave_delay_ms"`
	BackupDays      int      `json:"backup_days"` // how long automatic backups are kept
	// ListPageSize is how many articles a site's section or home page
	// lists before "Older articles" leads to page 2; 0 means
	// DefaultListPageSize.
	ListPageSize int `json:"list_page_size"`
	// KilledPages is what a site export leaves at a killed article's
	// address; "" means KilledTombstone.
	KilledPages KilledPage `json:"killed_pages"`
	// SiteRemote is the Git remote "copydesk publish" pushes the site to.
	SiteRemote string `json:"site_remote"`
	// SpellForeignQuotes leaves quotations in another language unflagged.
	SpellForeignQuotes bool `json:"spell_foreign_quotes"`
	// SpellNameArticles is how many published articles a capitalised word
	// must appear in to be learned as a name for the newsroom dictionary.
	SpellNameArticles int `json:"spell_name_articles"`
}

// DefaultSettings are what a new library starts with: The Appleton Times.
func DefaultSettings() Settings {
	return Settings{
		Masthead:        "The Appleton Times",
		Tagline:         "Truth. Honesty. Innovation.",
		SiteURL:         "https://www.appletontimes.example",
		Sections:        []string{"News", "Local", "Politics", "World", "Business", "Sports", "Opinion", "Culture", "Science"},
		Language:        "en-US",
		TimeZone:        "America/Chicago",
		HeadlineGuide:   70,
		SummaryGuide:    200,
		PersonName:      "",
		PersonRole:      RoleReporter,
		FontSize:        14,
		Theme:           "system",
		AutosaveDelayMS: 1000,
		BackupDays:      14,
		ListPageSize:    DefaultListPageSize,
		KilledPages:     KilledTombstone,

		SpellForeignQuotes: true,
		SpellNameArticles:  3,
	}
}

// Location returns the newsroom's time zone, or UTC if it is unknown.
func (s Settings) Location() *time.Location {
	if loc, err := time.LoadLocation(s.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// SpellLanguage is the Hunspell dictionary name for the newsroom's
// language: "en-US" → "en_US".
func (s Settings) SpellLanguage() string {
	if s.Language == "" {
		return "en_US"
	}
	return strings.ReplaceAll(s.Language, "-", "_")
}
