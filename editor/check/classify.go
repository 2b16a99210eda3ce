package check

// Classifier guesses an article's section from its words (naive Bayes).
type Classifier struct{}
