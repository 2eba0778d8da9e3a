//! Judging free text by concepts.
//!
//! A concept is shown when one of its phrases appears in a *sentence*: a clause of at least
//! four words that reads as language (it has function words: "I", "her", "about", "the"…), not
//! a list of keywords. A phrase preceded in its clause by a negation ("did not", "never",
//! "without", "forgot to") does not count: "I did not ask about her family" does not show the
//! concept "asked about family". Phrases match whole words; `*` at the end of a phrase word
//! matches any ending (`prefer*` matches "preference", "preferred"); up to two other words may
//! stand between the words of a phrase ("asked about family" matches "asked her about her
//! family"). The result is provisional: an assessor confirms or overrides it.

use serde::{Deserialize, Serialize};

use crate::scenario::raw::{ConceptFile, RubricFile};

/// What the matcher found for one concept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConceptResult {
    pub id: String,
    pub label: String,
    pub required: bool,
    pub shown: bool,
    /// The sentence that shows it (or, when only a negated mention was found, that one).
    pub evidence: Option<String>,
    /// Found only in negated form.
    pub negated: bool,
}

/// The verdict on one piece of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricResult {
    pub concepts: Vec<ConceptResult>,
    /// Every required concept is shown and at least `pass` concepts in all.
    pub met: bool,
    /// How many concepts must be shown.
    pub pass: usize,
    /// The text reads as a list of keywords rather than sentences; nothing in it counts.
    pub keyword_list: bool,
}

impl RubricResult {
    pub fn shown(&self, concept: &str) -> bool {
        self.concepts.iter().any(|c| c.id == concept && c.shown)
    }
}

/// Words that make a clause read as language rather than a list of keywords.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "i", "we", "you", "he", "she", "they", "it", "her", "his", "their", "our",
    "my", "your", "them", "him", "me", "us", "to", "of", "in", "on", "at", "for", "with", "about",
    "and", "or", "but", "so", "that", "this", "these", "those", "is", "are", "was", "were", "be",
    "been", "will", "would", "can", "could", "should", "has", "have", "had", "do", "does", "did",
    "if", "when", "what", "how", "who", "which", "from", "by", "as", "into", "after", "before",
    "then", "than", "also", "not", "no", "any", "all", "each", "every", "there", "here", "where",
];

/// Words that negate what follows them in the same clause.
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "without",
    "didn't",
    "don't",
    "doesn't",
    "won't",
    "wouldn't",
    "couldn't",
    "can't",
    "cannot",
    "wasn't",
    "weren't",
    "isn't",
    "aren't",
    "haven't",
    "hasn't",
    "hadn't",
    "shouldn't",
    "neither",
    "nor",
    "forgot",
    "failed",
    "refused",
    "avoided",
    "skipped",
    "neglected",
    "omitted",
];

/// How many words before a match a negation still applies to.
const NEGATION_REACH: usize = 8;
/// Words that end the reach of a negation: "I did not rush *and* we discussed the budget".
const SCOPE_BREAKS: &[&str] = &[
    "and", "then", "so", "because", "although", "however", "instead", "but", "while",
];
/// How many other words may stand between two words of a phrase.
const MAX_GAP: usize = 2;

/// A clause of the text: its words (lower case) and its original wording.
struct Clause<'t> {
    words: Vec<String>,
    text: &'t str,
    is_sentence: bool,
}

/// Whether a character belongs to a word ('’' and '-' join words, as in "don’t", "follow-up").
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The raw words of a clause, as written.
fn raw_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !in_word(c))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
}

fn words_of(s: &str) -> Vec<String> {
    raw_words(s)
        .map(|w| {
            let mut out = String::with_capacity(w.len());
            for c in w.chars() {
                match c {
                    '’' => out.push('\''),
                    c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                    c => out.extend(c.to_lowercase()),
                }
            }
            // "Mama Rose's stall" is about Mama Rose: a possessive matches the bare word.
            if out.len() > 2 && out.ends_with("'s") {
                out.truncate(out.len() - 2);
            }
            out
        })
        .collect()
}

/// The words of a phrase, keeping `*` wildcards.
fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '*'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.replace('’', "'").to_lowercase();
            match w.strip_suffix("'s") {
                Some(base) if !base.is_empty() => base.to_owned(),
                _ => w,
            }
        })
        .collect()
}

/// True when a clause is a comma-separated list of short items ("budget, cost, family support").
fn is_list(part: &str) -> bool {
    let items: Vec<usize> = part
        .split(',')
        .map(|i| raw_words(i).count())
        .filter(|&n| n > 0)
        .collect();
    items.len() >= 3 && items.iter().sum::<usize>() * 2 < items.len() * 5
}

fn clauses(text: &str) -> Vec<Clause<'_>> {
    text.split(['.', '!', '?', ';', '\n', ':'])
        .flat_map(|sentence| sentence.split(" but ").chain(std::iter::empty()))
        .filter_map(|part| {
            let words = words_of(part);
            if words.is_empty() {
                return None;
            }
            let function = words
                .iter()
                .filter(|w| FUNCTION_WORDS.contains(&w.as_str()))
                .count();
            let is_sentence =
                words.len() >= 4 && function >= 1 && function * 8 >= words.len() && !is_list(part);
            Some(Clause {
                words,
                text: part.trim(),
                is_sentence,
            })
        })
        .collect()
}

fn word_matches(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == pattern,
    }
}

/// Where `phrase` (already split into words) occurs in `words`: the index of its first word.
fn find_phrase(phrase: &[String], words: &[String]) -> Vec<usize> {
    let mut found = Vec::new();
    let Some(first) = phrase.first() else {
        return found;
    };
    for start in 0..words.len() {
        if !word_matches(first, &words[start]) {
            continue;
        }
        let mut at = start;
        let mut ok = true;
        for p in &phrase[1..] {
            let window = (at + 1)..(at + 2 + MAX_GAP).min(words.len());
            match window.clone().find(|&i| word_matches(p, &words[i])) {
                Some(i) => at = i,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            found.push(start);
        }
    }
    found
}

fn negated_at(words: &[String], start: usize, phrase: &[String]) -> bool {
    // A phrase that itself contains a negation ("did not judge") is about the negation.
    if phrase
        .iter()
        .any(|p| NEGATIONS.contains(&p.as_str()) || p.ends_with("n't"))
    {
        return false;
    }
    let from = start.saturating_sub(NEGATION_REACH);
    words[from..start]
        .iter()
        .rev()
        .take_while(|w| !SCOPE_BREAKS.contains(&w.as_str()))
        .any(|w| NEGATIONS.contains(&w.as_str()) || w.ends_with("n't"))
}

/// The clauses of a text, and whether it reads as a list of keywords.
fn read(text: &str) -> (Vec<Clause<'_>>, bool) {
    let clauses = clauses(text);
    let total_words: usize = clauses.iter().map(|c| c.words.len()).sum();
    let sentence_words: usize = clauses
        .iter()
        .filter(|c| c.is_sentence)
        .map(|c| c.words.len())
        .sum();
    // Mostly non-sentences: a list of keywords, however many concepts it names.
    let keyword_list = total_words > 0 && sentence_words * 2 < total_words;
    (clauses, keyword_list)
}

/// Where a concept is shown in the clauses, and where it is only mentioned negated.
fn find_concept<'t>(
    concept: &ConceptFile,
    clauses: &[Clause<'t>],
) -> (Option<&'t str>, Option<&'t str>) {
    let mut negated = None;
    for phrase in &concept.phrases {
        let phrase_words = phrase_words(&phrase.value);
        for clause in clauses.iter().filter(|c| c.is_sentence) {
            for start in find_phrase(&phrase_words, &clause.words) {
                if negated_at(&clause.words, start, &phrase_words) {
                    negated.get_or_insert(clause.text);
                } else {
                    return (Some(clause.text), negated);
                }
            }
        }
    }
    (None, negated)
}

/// How many concepts must be shown for a rubric to be met.
fn pass_mark(rubric: &RubricFile) -> usize {
    let required = rubric.concepts.iter().filter(|c| c.required).count();
    rubric
        .pass
        .as_ref()
        .map(|p| p.value as usize)
        .unwrap_or(required)
        .max(1)
}

/// Judge `text` against a rubric.
pub fn judge_text(text: &str, rubric: &RubricFile) -> RubricResult {
    let (clauses, keyword_list) = read(text);
    let mut concepts = Vec::with_capacity(rubric.concepts.len());
    for concept in rubric.concepts.iter() {
        let (shown, negated) = find_concept(concept, &clauses);
        concepts.push(ConceptResult {
            id: concept.id.value.clone(),
            label: concept.label.value.clone(),
            required: concept.required,
            shown: shown.is_some() && !keyword_list,
            evidence: shown.or(negated).map(str::to_owned),
            negated: shown.is_none() && negated.is_some(),
        });
    }
    let pass = pass_mark(rubric);
    let shown = concepts.iter().filter(|c| c.shown).count();
    let met = shown >= pass && concepts.iter().all(|c| !c.required || c.shown);
    RubricResult {
        concepts,
        met,
        pass,
        keyword_list,
    }
}

/// Whether `text` meets a rubric: `judge_text(text, rubric).met`, without the details.
pub fn meets(text: &str, rubric: &RubricFile) -> bool {
    let (clauses, keyword_list) = read(text);
    if keyword_list {
        return false;
    }
    let mut shown = 0;
    for concept in rubric.concepts.iter() {
        if find_concept(concept, &clauses).0.is_some() {
            shown += 1;
        } else if concept.required {
            return false;
        }
    }
    shown >= pass_mark(rubric)
}

/// Whether `text` shows one concept of a rubric: `judge_text(text, rubric).shown(concept)`,
/// without judging the others.
pub fn shows(text: &str, rubric: &RubricFile, concept: &str) -> bool {
    let Some(c) = rubric.concepts.iter().find(|c| c.id.value == concept) else {
        return false;
    };
    let (clauses, keyword_list) = read(text);
    !keyword_list && find_concept(c, &clauses).0.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Spanned;

    fn s(v: &str) -> Spanned<String> {
        Spanned::new(v.to_owned(), Default::default())
    }

    fn rubric(concepts: &[(&str, &[&str], bool)], pass: Option<u32>) -> RubricFile {
        RubricFile {
            concepts: Spanned::new(
                concepts
                    .iter()
                    .map(|(id, phrases, required)| ConceptFile {
                        id: s(id),
                        label: s(id),
                        phrases: phrases.iter().map(|p| s(p)).collect(),
                        required: *required,
                    })
                    .collect(),
                Default::default(),
            ),
            pass: pass.map(|p| Spanned::new(p, Default::default())),
        }
    }

    fn family_budget() -> RubricFile {
        rubric(
            &[
                (
                    "family",
                    &["ask* about family", "her daughter", "family support*"],
                    true,
                ),
                ("budget", &["budget", "afford*", "cost*"], true),
                (
                    "prefer",
                    &["prefer*", "what she wants", "her choice"],
                    false,
                ),
            ],
            Some(2),
        )
    }

    #[test]
    fn alternative_phrasings_and_gaps_count() {
        let r = judge_text(
            "I asked her about her family and who helps at home. We went through what she can afford each week.",
            &family_budget(),
        );
        assert!(r.shown("family"), "{r:#?}");
        assert!(r.shown("budget"));
        assert!(!r.shown("prefer"));
        assert!(r.met);
    }

    #[test]
    fn negation_does_not_evidence() {
        let r = judge_text(
            "I did not ask about her family. We talked about the budget for a long time.",
            &family_budget(),
        );
        assert!(!r.shown("family"));
        assert!(r.concepts[0].negated);
        assert!(r.shown("budget"));
        assert!(!r.met, "a required concept is missing");
        let r = judge_text(
            "I forgot to check what she could afford with her.",
            &family_budget(),
        );
        assert!(!r.shown("budget"));
        // A negation does not reach past "and".
        let r = judge_text(
            "I did not rush her and we worked out what she could afford.",
            &family_budget(),
        );
        assert!(r.shown("budget"));
    }

    #[test]
    fn a_list_of_keywords_is_not_fooled() {
        let r = judge_text(
            "family support, budget, afford, cost, preferences, her choice, asked about family",
            &family_budget(),
        );
        assert!(r.keyword_list);
        assert!(r.concepts.iter().all(|c| !c.shown));
        assert!(!r.met);
        let r = judge_text("family\nbudget\npreferences\ncost", &family_budget());
        assert!(!r.met);
    }

    #[test]
    fn wildcard_matches_word_endings_only_at_the_end() {
        let r = judge_text(
            "She said her preference is to stay at home with the cat.",
            &family_budget(),
        );
        assert!(r.shown("prefer"));
        let r = judge_text(
            "The service is reliable and close to the shops for her.",
            &family_budget(),
        );
        assert!(!r.shown("prefer"));
    }

    #[test]
    fn possessives_match_the_bare_words() {
        let r = rubric(
            &[("n", &["neighbour"], true), ("m", &["mama rose"], true)],
            None,
        );
        let res = judge_text(
            "A neighbour's son will help at Mama Rose's stall each week.",
            &r,
        );
        assert!(res.shown("n") && res.shown("m"), "{res:#?}");
        // But "didn't" and "it's" keep their meaning.
        let res = judge_text("I didn't ask the neighbour about it at all today.", &r);
        assert!(!res.shown("n"));
        let r = rubric(&[("p", &["client's preferences"], true)], None);
        assert!(judge_text("We wrote down the client's preferences together.", &r).met);
    }

    #[test]
    fn pass_defaults_to_required_count() {
        let r = rubric(&[("a", &["alpha"], false), ("b", &["beta"], false)], None);
        let res = judge_text("We spoke about the alpha plan with her today.", &r);
        assert_eq!(res.pass, 1);
        assert!(res.met);
        let empty = judge_text("", &r);
        assert!(!empty.met);
        assert!(!empty.keyword_list);
    }

    proptest::proptest! {
        /// The quick answers the engine asks for agree with the full judgement, whatever the
        /// text: sentences, keyword lists, negations, possessives, wildcards.
        #[test]
        fn meets_and_shows_agree_with_judge_text(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "I", "asked", "her", "about", "family", "did", "not", "never", "and", "the",
                    "budget", "she", "can", "afford", "cost", "costs", "preference", "prefers",
                    "daughter", "Daughter's", "what", "wants", "choice", "support", "supports",
                    "we", "talked", ",", ".", ";", "\n", "but", "didn’t", "without",
                ]),
                0..40,
            ),
            required in proptest::collection::vec(proptest::bool::ANY, 3),
            pass in proptest::option::of(0u32..4),
        ) {
            let text = words.join(" ");
            let mut r = family_budget();
            r.pass = pass.map(|p| Spanned::new(p, Default::default()));
            for (c, req) in r.concepts.value.iter_mut().zip(&required) {
                c.required = *req;
            }
            let full = judge_text(&text, &r);
            proptest::prop_assert_eq!(meets(&text, &r), full.met, "{}", text);
            for c in ["family", "budget", "prefer", "missing"] {
                proptest::prop_assert_eq!(shows(&text, &r, c), full.shown(c), "{} {}", c, text);
            }
        }
    }
}
