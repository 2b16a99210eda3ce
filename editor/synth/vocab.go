package synth

import "copydesk/editor"

// sections are the default library's sections, so generated articles file
// where a new library's menus expect them.
var sections = editor.DefaultSettings().Sections

// common holds the words nearly every story uses, most frequent first;
// "the" and "said" must stay near the top, since they are the worst case
// for search.
var common = []string{
	"the", "the", "of", "to", "and", "a", "in", "said", "that", "for", "is", "on", "was", "with", "he",
	"it", "as", "at", "by", "from", "his", "be", "has", "have", "are", "an", "but", "not", "they", "this",
	"had", "who", "will", "were", "their", "she", "her", "which", "would", "been", "its", "after", "more",
	"about", "also", "one", "we", "or", "two", "new", "up", "than", "last", "year", "there", "when", "out",
	"all", "could", "other", "into", "first", "over", "some", "people", "no", "can", "what", "if", "them",
	"our", "so", "three", "told", "years", "him", "time", "just", "most", "before", "while", "state",
	"because", "only", "where", "like", "many", "now", "may", "since", "those", "say", "still", "week",
	"made", "being", "should", "any", "then", "under", "both", "through", "against", "between", "during",
	"percent", "million", "according", "including", "officials", "city", "county", "says", "day", "month",
}

// general is newsroom vocabulary shared by every section, roughly by
// frequency.
var general = []string{
	"government", "public", "report", "police", "plan", "program", "school", "president", "former",
	"members", "group", "workers", "community", "residents", "local", "national", "board", "department",
	"spokesperson", "statement", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday", "announced", "expected", "early", "late", "morning", "evening", "recent", "decision",
	"meeting", "support", "concerns", "issue", "increase", "decline", "nearly", "several", "number",
	"interview", "family", "children", "health", "money", "funding", "officials'", "U.S.", "north",
	"south", "east", "west", "area", "center", "director", "chief", "leader", "agency", "office",
	"federal", "regional", "proposal", "project", "news", "data", "analysis", "survey", "record",
	"history", "future", "change", "effort", "crisis", "response", "pressure", "growth", "cost",
	"well-known", "long-term", "don't", "won't", "it's", "1,000", "2024", "2025", "10", "15", "$2.5",
	"café", "naïve", "résumé", "coöperate", "façade", "piñata", "jalapeño", "entrée", "fiancée", "déjà",
}

// sectionVocab gives each section the words its stories lean on.
var sectionVocab = map[string][]string{
	"News": {"council", "emergency", "fire", "storm", "crash", "investigation", "court", "judge",
		"trial", "charges", "arrest", "victims", "rescue", "hospital", "authorities", "weather", "flood",
		"road", "closure", "evacuation", "damage", "witnesses", "incident", "sheriff", "deputies"},
	"Local": {"neighborhood", "park", "library", "street", "downtown", "village", "mayor", "alderman",
		"zoning", "housing", "rent", "festival", "volunteers", "church", "farmers", "market", "bridge",
		"traffic", "parking", "river", "trail", "renovation", "Appleton", "Fox", "Outagamie"},
	"Politics": {"election", "vote", "budget", "senator", "governor", "legislation", "bill", "campaign",
		"candidate", "voters", "Republican", "Democrat", "Congress", "assembly", "committee", "policy",
		"tax", "veto", "primary", "ballot", "poll", "lawmakers", "amendment", "debate", "coalition"},
	"World": {"Ukraine", "Russia", "Paris", "ceasefire", "treaty", "diplomats", "sanctions", "minister",
		"refugees", "border", "military", "troops", "summit", "allies", "NATO", "embassy", "negotiations",
		"Kyiv", "Moscow", "Brussels", "Beijing", "humanitarian", "aid", "conflict", "security"},
	"Business": {"company", "market", "shares", "investors", "profit", "revenue", "quarter", "economy",
		"inflation", "rates", "bank", "jobs", "employees", "sales", "prices", "merger", "startup",
		"customers", "industry", "earnings", "stock", "trade", "tariffs", "retail", "manufacturing"},
	"Sports": {"game", "season", "coach", "team", "players", "win", "loss", "score", "points",
		"championship", "playoffs", "tournament", "quarterback", "goal", "league", "fans", "stadium",
		"victory", "defense", "offense", "injury", "roster", "Terriers", "Foxes", "match"},
	"Opinion": {"readers", "editorial", "argument", "letter", "voice", "believe", "wrong", "right",
		"should", "must", "democracy", "freedom", "responsibility", "truth", "honesty", "values",
		"column", "perspective", "fairness", "accountability", "citizens", "dignity", "debate", "trust", "choice"},
	"Culture": {"film", "music", "artist", "museum", "exhibition", "theater", "novel", "author", "concert",
		"album", "festival", "gallery", "director", "actor", "performance", "audience", "stage", "premiere",
		"book", "poetry", "dance", "opera", "critics", "Zürich", "Amélie"},
	"Science": {"researchers", "study", "scientists", "university", "climate", "species", "data",
		"experiment", "discovery", "space", "NASA", "telescope", "virus", "vaccine", "genes", "energy",
		"carbon", "ocean", "ice", "planet", "fossil", "laboratory", "findings", "journal", "evidence"},
}

// authors are the desk's reporters; several names repeat across sections
// so author filters return many articles.
var authors = []string{
	"Lisa Johnson", "Mark Chen", "Aiko Tanaka", "José Álvarez", "Priya Natarajan", "Tom O'Brien",
	"Fatima Haddad", "Daniel Kowalski", "Grace Okafor", "Samuel Lindqvist", "Maria Rossi", "Kevin Nguyen",
	"Hannah Schmidt", "Oluwaseun Adeyemi", "Chloé Dubois", "Ryan Murphy", "Sofia Petrova", "Ahmed Karim",
	"Emily Carter", "Lucas Silva", "Nora Jensen", "Diego Hernández", "Rachel Goldberg", "Yusuf Demir",
	"Anna Novak", "Benjamin Park", "Isabel Costa", "Marcus Brown", "Elena Popescu", "Jamal Wright",
	"Ingrid Berg", "Carlos Mendoza", "Laura Fischer", "Omar Farouk", "Julia Wójcik", "Patrick Walsh",
	"Mei Lin", "David Levy", "Zoë Martin", "Kwame Mensah",
}

var proper = []string{
	"Appleton", "Wisconsin", "Chicago", "Milwaukee", "Madison", "Washington", "London", "Paris",
	"Berlin", "Tokyo", "Zürich", "São", "Paulo", "Montréal", "Kraków", "Reykjavík", "Müller",
	"Biden", "Macron", "Zelenskyy", "Trudeau", "Kuleba", "Peskov", "Lawrence", "Lambeau", "Evers",
}

var cities = []string{"Appleton", "Madison", "Milwaukee", "Chicago", "Washington", "Paris", "London", "Kyiv", "Tokyo", "Montréal"}

var credits = []string{"AP", "Reuters", "AFP", "Appleton Times staff", "Getty Images"}
