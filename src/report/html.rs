//! A judgement as one self-contained, print-ready HTML page: for the trainee's record, the
//! assessor's sign-off and the training organisation's files.
//!
//! The page has no scripts and refers to nothing outside itself (no fonts, images or links); its
//! style is inline and has rules for print. Verdicts are shown in words and symbols as well as
//! colour, so a black-and-white printout reads the same. The output is a function of its inputs
//! alone: the same judgement gives the same bytes.

use std::fmt::Write as _;

use crate::model::attempt::Header;
use crate::model::judgement::{AspectJudgement, CriterionJudgement, Evidence};
use crate::model::{Element, Judgement, Mode, Overall, Scenario, Unit, Verdict};

/// What a provisional criterion is marked with.
pub const PROVISIONAL: &str = "provisional — to be confirmed by an assessor";

/// Text made safe for HTML content and attribute values: `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
@page{margin:18mm 16mm 20mm 16mm}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;\
font-size:11pt;line-height:1.4;color:#1d1d1f;background:#fff;max-width:62em;margin:2em auto;padding:0 1.5em}
h1{font-size:1.6em;margin:0 0 .6em}
h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.15em;border-bottom:2px solid #1d1d1f}
h3{font-size:1.1em;margin:1.3em 0 .4em}
h2,h3{break-after:avoid;page-break-after:avoid}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #b8b8bd;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#eef1f5}
table.facts th{width:9em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:700}
.mono{font-family:ui-monospace,\"SF Mono\",Menlo,Consolas,monospace;font-size:.92em}
.note{color:#4a4a4f;font-size:.9em}
.integrity-alert{border:4px double #9b1c1c;background:#fdecec;padding:.6em .9em;margin:1em 0}
.integrity-alert p{margin:.3em 0}
.overall{font-size:1.25em;font-weight:700;padding:.5em .8em;border:2px solid;margin:1em 0}
.overall.competent{border-color:#1e6b34;background:#e9f6ec}
.overall.not-yet{border-color:#9b1c1c;border-style:double;border-width:4px;background:#fdecec}
.overall .counts{display:block;font-size:.72em;font-weight:400;margin-top:.2em}
.pc{border:1px solid #b8b8bd;border-left:6px solid #b8b8bd;padding:.5em .8em;margin:.6em 0;\
break-inside:avoid;page-break-inside:avoid}
.pc.s{border-left-color:#1e6b34}
.pc.nys{border-left-color:#9b1c1c;border-left-style:double}
.pc.not-evidenced{border-left-color:#6e6e73;border-left-style:dashed}
.pc-head{display:flex;flex-wrap:wrap;gap:.3em .9em;align-items:baseline}
.pc-id{font-weight:700}
.verdict{font-weight:700;border:1px solid;padding:0 .4em}
.verdict.s{color:#1e6b34}
.verdict.nys{color:#9b1c1c}
.verdict.not-evidenced{color:#4a4a4f;border-style:dashed}
.provisional{font-weight:600;color:#7a4f00;border:1px dashed #7a4f00;padding:0 .4em}
.pc-text{margin:.35em 0}
.label{font-weight:600;margin:.4em 0 .1em}
ul{margin:.2em 0 .3em 1.3em;padding:0}
table.evidence{font-size:.9em;margin-top:.2em}
tr.contrary td{font-style:italic}
.aspect{break-inside:avoid;page-break-inside:avoid}
footer{margin-top:2em;border-top:1px solid #b8b8bd;padding-top:.4em}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10pt}
tr,.integrity-alert,.overall{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
th,.integrity-alert,.overall.competent,.overall.not-yet{background:none}
}
";

/// The judgement of an attempt as a self-contained HTML page. `units` may hold more units than
/// the scenario assesses; only the scenario's are shown. The header gives the trainee, mode, seed
/// and start time as the attempt recorded them.
pub fn judgement_html(
    judgement: &Judgement,
    scenario: &Scenario,
    units: &[Unit],
    header: &Header,
) -> String {
    let units: Vec<&Unit> = units
        .iter()
        .filter(|u| scenario.unit_ids().any(|id| id == u.id))
        .collect();
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>casesim — judgement report: {} — {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        escape(scenario.title()),
        escape(&header.trainee)
    );
    out.push_str("<header>\n<h1>casesim — judgement report</h1>\n");
    facts(&mut out, judgement, scenario, &units, header);
    out.push_str("</header>\n");
    integrity_alert(&mut out, judgement);
    overall(&mut out, judgement);
    summary(&mut out, judgement, &units);
    criteria(&mut out, judgement, &units);
    aspects(&mut out, judgement);
    out.push_str(
        "<footer>\n<p class=\"note\">Action numbers are the attempt's record indices, counting \
         from 0. Verdicts: ✓ S Satisfactory; ✗ NYS Not Yet Satisfactory; – not evidenced. The \
         judgement is worked out from the attempt's log alone: the same attempt is judged the \
         same every time.</p>\n</footer>\n</body>\n</html>\n",
    );
    out
}

/// The table of who, what and when.
fn facts(out: &mut String, j: &Judgement, scenario: &Scenario, units: &[&Unit], header: &Header) {
    out.push_str("<table class=\"facts\">\n");
    let _ = writeln!(
        out,
        "<tr><th>Scenario</th><td>{} <span class=\"mono\">({})</span></td></tr>",
        escape(scenario.title()),
        escape(scenario.id())
    );
    for u in units {
        let _ = writeln!(
            out,
            "<tr><th>Unit</th><td><span class=\"mono\">{}</span> {}</td></tr>",
            escape(&u.code),
            escape(&u.title)
        );
    }
    let mode = match header.mode {
        Mode::Practice => "practice",
        Mode::Assessment => "assessment",
    };
    let _ = writeln!(
        out,
        "<tr><th>Trainee</th><td>{}</td></tr>\n<tr><th>Mode</th><td>{mode}</td></tr>\n\
         <tr><th>Seed</th><td class=\"mono\">{}</td></tr>\n\
         <tr><th>Started</th><td class=\"mono\">{}</td></tr>",
        escape(&header.trainee),
        header.seed,
        escape(&header.started)
    );
    let integrity = if j.integrity == "ok" {
        "✓ ok".to_owned()
    } else {
        format!("<strong>⚠ {}</strong>", escape(&j.integrity))
    };
    let _ = writeln!(
        out,
        "<tr><th>Integrity</th><td>{integrity}{}</td></tr>\n</table>",
        j.integrity_detail
            .as_deref()
            .map(|d| format!(" ({})", escape(d)))
            .unwrap_or_default()
    );
}

/// A box that cannot be missed when the attempt's log is not sound.
fn integrity_alert(out: &mut String, j: &Judgement) {
    if j.integrity == "ok" {
        return;
    }
    let meaning = match j.integrity.as_str() {
        "tampered" => {
            "A record of the attempt was edited, removed, reordered or inserted: its hash chain \
             does not follow, so the log cannot be relied on."
        }
        "scenario-changed" => {
            "The scenario file has changed since the attempt began; it was judged against the \
             current version."
        }
        "incomplete" => {
            "The attempt was never handed in, or its end was cut off; only what was done is \
             judged."
        }
        "invalid-action" => {
            "A recorded action is not possible when the attempt is replayed; the replay stopped \
             there."
        }
        _ => "",
    };
    let _ = writeln!(
        out,
        "<section class=\"integrity-alert\">\n<p><strong>⚠ Integrity: {}</strong></p>",
        escape(&j.integrity)
    );
    if let Some(detail) = &j.integrity_detail {
        let _ = writeln!(out, "<p>{}</p>", escape(detail));
    }
    if !meaning.is_empty() {
        let _ = writeln!(out, "<p>{meaning}</p>");
    }
    out.push_str(
        "<p>An attempt whose integrity is not ok is never judged Competent.</p>\n</section>\n",
    );
}

/// The overall result with the counts behind it.
fn overall(out: &mut String, j: &Judgement) {
    let (class, words) = match j.overall {
        Overall::Competent => ("competent", "✓ Competent"),
        Overall::NotYetCompetent => ("not-yet", "✗ Not Yet Competent"),
    };
    let total = j.criteria.len();
    let satisfied = count(j.criteria.iter(), |c| c.verdict == Verdict::S);
    let provisional = count(j.criteria.iter(), |c| c.provisional);
    let demonstrated = count(j.critical_aspects.iter(), |a| a.demonstrated);
    let provisional = match provisional {
        0 => String::new(),
        n => format!(" ({n} provisional, to be confirmed by an assessor)"),
    };
    let aspects = match j.critical_aspects.len() {
        0 => String::new(),
        n => format!("; {demonstrated} of {n} critical aspects demonstrated"),
    };
    let _ = writeln!(
        out,
        "<section class=\"overall {class}\">Overall result: {words}\
         <span class=\"counts\">{satisfied} of {total} criteria \
         satisfactory{provisional}{aspects}</span></section>"
    );
}

fn count<T>(items: impl Iterator<Item = T>, f: impl Fn(&T) -> bool) -> usize {
    items.filter(|t| f(t)).count()
}

/// The criteria of an element, in the judgement's order.
fn of_element<'a>(
    j: &'a Judgement,
    element: &'a Element,
) -> impl Iterator<Item = &'a CriterionJudgement> {
    j.criteria.iter().filter(|c| c.element == element.id)
}

/// The criteria whose element is in none of the units (none when the units are the judge's).
fn others<'j>(j: &'j Judgement, units: &[&Unit]) -> Vec<&'j CriterionJudgement> {
    j.criteria
        .iter()
        .filter(|c| !units.iter().any(|u| u.element(&c.element).is_some()))
        .collect()
}

/// Counts per element: S, NYS, not evidenced and provisional.
fn summary(out: &mut String, j: &Judgement, units: &[&Unit]) {
    out.push_str(
        "<h2>Summary by element</h2>\n<table class=\"summary\">\n<thead><tr><th>Element</th>\
         <th class=\"num\">Criteria</th><th class=\"num\">✓ S</th><th class=\"num\">✗ NYS</th>\
         <th class=\"num\">– Not evidenced</th><th class=\"num\">Provisional</th></tr></thead>\n<tbody>\n",
    );
    let mut totals = [0usize; 5];
    let mut row = |out: &mut String, name: String, criteria: &[&CriterionJudgement]| {
        let counts = [
            criteria.len(),
            count(criteria.iter(), |c| c.verdict == Verdict::S),
            count(criteria.iter(), |c| c.verdict == Verdict::Nys),
            count(criteria.iter(), |c| c.verdict == Verdict::NotEvidenced),
            count(criteria.iter(), |c| c.provisional),
        ];
        let _ = write!(out, "<tr><td>{name}</td>");
        for (total, n) in totals.iter_mut().zip(counts) {
            *total += n;
            let _ = write!(out, "<td class=\"num\">{n}</td>");
        }
        out.push_str("</tr>\n");
    };
    for u in units {
        for e in &u.elements {
            let criteria: Vec<_> = of_element(j, e).collect();
            let name = format!(
                "<span class=\"mono\">{}</span> {}. {}",
                escape(&u.code),
                escape(&e.number),
                escape(&e.title)
            );
            row(out, name, &criteria);
        }
    }
    let rest = others(j, units);
    if !rest.is_empty() {
        row(out, "Other criteria".to_owned(), &rest);
    }
    out.push_str("<tr class=\"total\"><td>Total</td>");
    for n in totals {
        let _ = write!(out, "<td class=\"num\">{n}</td>");
    }
    out.push_str("</tr>\n</tbody>\n</table>\n");
}

/// Every criterion under its unit and element.
fn criteria(out: &mut String, j: &Judgement, units: &[&Unit]) {
    for u in units {
        let _ = writeln!(
            out,
            "<h2><span class=\"mono\">{}</span> {}</h2>",
            escape(&u.code),
            escape(&u.title)
        );
        for e in &u.elements {
            let _ = writeln!(
                out,
                "<h3 class=\"element\">Element {}: {}</h3>",
                escape(&e.number),
                escape(&e.title)
            );
            let mut any = false;
            for c in of_element(j, e) {
                criterion(out, c);
                any = true;
            }
            if !any {
                out.push_str("<p class=\"note\">No criterion of this element was judged.</p>\n");
            }
        }
    }
    let rest = others(j, units);
    if !rest.is_empty() {
        out.push_str("<h2>Other criteria</h2>\n");
        for c in rest {
            criterion(out, c);
        }
    }
}

/// A verdict's class, symbol and words.
fn verdict_words(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::S => ("s", "✓ S — Satisfactory"),
        Verdict::Nys => ("nys", "✗ NYS — Not Yet Satisfactory"),
        Verdict::NotEvidenced => ("not-evidenced", "– Not evidenced"),
    }
}

/// A verdict in short, with its symbol.
fn verdict_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::S => "✓ S",
        Verdict::Nys => "✗ NYS",
        Verdict::NotEvidenced => "– not evidenced",
    }
}

/// One criterion: its verdict, feedback and evidence, kept together on a page.
fn criterion(out: &mut String, c: &CriterionJudgement) {
    let (class, words) = verdict_words(c.verdict);
    let _ = write!(
        out,
        "<article class=\"pc {class}\" data-criterion=\"{id}\">\n<div class=\"pc-head\">\
         <span class=\"pc-id mono\">{id}</span><span class=\"verdict {class}\">{words}</span>",
        id = escape(&c.id)
    );
    if c.provisional {
        let _ = write!(out, "<span class=\"provisional\">⚑ {PROVISIONAL}</span>");
    }
    let _ = writeln!(out, "</div>\n<p class=\"pc-text\">{}</p>", escape(&c.text));
    if !c.feedback.is_empty() {
        out.push_str("<p class=\"label\">Feedback</p>\n<ul class=\"feedback\">\n");
        for f in &c.feedback {
            let _ = writeln!(out, "<li>{}</li>", escape(f));
        }
        out.push_str("</ul>\n");
    }
    if c.evidence.is_empty() {
        out.push_str("<p class=\"note\">No evidence rule of this scenario covers it.</p>\n");
    } else {
        out.push_str(
            "<p class=\"label\">Evidence</p>\n<table class=\"evidence\">\n<thead><tr>\
             <th>Method</th><th>Expected</th><th>Result</th><th>Actions</th><th>Rule</th>\
             </tr></thead>\n<tbody>\n",
        );
        for e in &c.evidence {
            evidence(out, e);
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</article>\n");
}

/// One row of evidence.
fn evidence(out: &mut String, e: &Evidence) {
    let result = match (e.contrary, e.held) {
        (false, true) => "✓ held",
        (false, false) => "✗ not held",
        (true, true) => "✗ held: contrary evidence",
        (true, false) => "✓ not held: no contrary evidence",
    };
    let _ = writeln!(
        out,
        "<tr{}><td>{}</td><td>{}</td><td>{result}</td><td>{}</td><td>rule {}, line {}</td></tr>",
        if e.contrary {
            " class=\"contrary\""
        } else {
            ""
        },
        e.method.label(),
        escape(&e.expected),
        actions(&e.actions),
        e.rule,
        e.line
    );
}

/// `actions 3, 7`, `action 3` or `none`.
fn actions(indices: &[usize]) -> String {
    match indices {
        [] => "none".to_owned(),
        [one] => format!("action {one}"),
        many => {
            let list: Vec<String> = many.iter().map(usize::to_string).collect();
            format!("actions {}", list.join(", "))
        }
    }
}

/// The critical aspects, each with the criteria it rests on and their verdicts.
fn aspects(out: &mut String, j: &Judgement) {
    out.push_str("<h2>Critical aspects of competency</h2>\n");
    if j.critical_aspects.is_empty() {
        out.push_str(
            "<p class=\"note\">The scenario's units name no critical aspects of competency.</p>\n",
        );
        return;
    }
    out.push_str(
        "<table class=\"aspects\">\n<thead><tr>\
         <th>Aspect</th><th>Text</th><th>Result</th><th>Rests on</th></tr></thead>\n<tbody>\n",
    );
    for a in &j.critical_aspects {
        aspect(out, j, a);
    }
    out.push_str("</tbody>\n</table>\n");
}

fn aspect(out: &mut String, j: &Judgement, a: &AspectJudgement) {
    let result = if a.demonstrated {
        "✓ demonstrated"
    } else {
        "✗ not demonstrated"
    };
    let rests: Vec<String> = a
        .criteria
        .iter()
        .map(|id| {
            let verdict = j
                .criterion(id)
                .map_or("not judged", |c| verdict_mark(c.verdict));
            format!("<span class=\"mono\">{}</span> ({verdict})", escape(id))
        })
        .collect();
    let _ = writeln!(
        out,
        "<tr class=\"aspect\"><td class=\"mono\">{}</td><td>{}</td><td><strong>{result}</strong></td><td>{}</td></tr>",
        escape(&a.id),
        escape(&a.text),
        if rests.is_empty() {
            "none".to_owned()
        } else {
            rests.join(", ")
        }
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jo'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jo&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("plain — text"), "plain — text");
    }

    #[test]
    fn actions_read_as_words() {
        assert_eq!(actions(&[]), "none");
        assert_eq!(actions(&[3]), "action 3");
        assert_eq!(actions(&[3, 7]), "actions 3, 7");
    }
}
