//! The assessment mapping matrix: for every performance criterion, critical aspect and range item
//! of every loaded unit, the places (scenario, task, step) that evidence it and by which method.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::html::escape;
use crate::model::{Scenario, Unit};
use crate::scenario::Library;

/// One row of the matrix: a criterion and one place that evidences it. A criterion nothing
/// evidences has one row with empty scenario, task, step and method.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct MapRow {
    pub unit: String,
    pub element: String,
    /// A performance criterion, critical aspect (`…/CA1.4`) or range item (`…/R1.2`) id.
    pub criterion: String,
    pub scenario: String,
    pub task: String,
    pub step: String,
    pub method: String,
}

impl MapRow {
    fn gap(unit: &Unit, element: &str, criterion: &str) -> Self {
        MapRow {
            unit: unit.id.clone(),
            element: element.to_owned(),
            criterion: criterion.to_owned(),
            scenario: String::new(),
            task: String::new(),
            step: String::new(),
            method: String::new(),
        }
    }

    pub fn is_gap(&self) -> bool {
        self.scenario.is_empty()
    }
}

/// The places a scenario evidences a criterion: one row per (rule, step).
fn places(
    unit: &Unit,
    element: &str,
    criterion: &str,
    scenario: &Scenario,
    range_item: bool,
) -> Vec<MapRow> {
    let mut rows = Vec::new();
    for rule in scenario.rules() {
        let hit = if range_item {
            rule.range.iter().any(|r| r.value == criterion)
        } else {
            rule.criterion.value == criterion
        };
        if !hit {
            continue;
        }
        let row = |task: &str, step: &str| MapRow {
            unit: unit.id.clone(),
            element: element.to_owned(),
            criterion: criterion.to_owned(),
            scenario: scenario.id().to_owned(),
            task: task.to_owned(),
            step: step.to_owned(),
            method: rule.method.value.label().to_owned(),
        };
        let steps = scenario.rule_places(rule);
        if steps.is_empty() {
            rows.push(row("", ""));
        }
        for (task, step) in steps {
            rows.push(row(&task.id.value, &step.id.value));
        }
    }
    rows
}

/// Every row of the matrix, grouped by unit, in the unit's order: criteria, then critical
/// aspects, then range items.
pub fn rows(library: &Library) -> Vec<MapRow> {
    let mut out = Vec::new();
    for unit in &library.units {
        let scenarios: Vec<&Scenario> = library
            .scenarios
            .iter()
            .filter(|s| s.unit_ids().any(|u| u == unit.id))
            .collect();
        let criterion_rows = |element: &str, criterion: &str| -> Vec<MapRow> {
            let mut rows: Vec<MapRow> = scenarios
                .iter()
                .flat_map(|s| places(unit, element, criterion, s, false))
                .collect();
            rows.dedup();
            rows
        };
        for (element, criterion) in unit.criteria() {
            let rows = criterion_rows(&element.id, &criterion.id);
            if rows.is_empty() {
                out.push(MapRow::gap(unit, &element.id, &criterion.id));
            }
            out.extend(rows);
        }
        for aspect in &unit.evidence_guide.critical_aspects {
            let mut rows: BTreeSet<MapRow> = BTreeSet::new();
            for c in &aspect.criteria {
                let element = unit.criterion(c).map(|(e, _)| e.id.as_str()).unwrap_or("");
                for mut row in criterion_rows(element, c) {
                    row.criterion = aspect.id.clone();
                    rows.insert(row);
                }
            }
            if rows.is_empty() {
                out.push(MapRow::gap(unit, "", &aspect.id));
            }
            out.extend(rows);
        }
        for variable in &unit.range {
            let element = variable
                .criteria
                .first()
                .and_then(|c| unit.criterion(c))
                .map(|(e, _)| e.id.as_str())
                .unwrap_or("");
            for item in &variable.items {
                let mut rows: Vec<MapRow> = scenarios
                    .iter()
                    .flat_map(|s| places(unit, element, &item.id, s, true))
                    .collect();
                rows.dedup();
                if rows.is_empty() {
                    out.push(MapRow::gap(unit, element, &item.id));
                }
                out.extend(rows);
            }
        }
    }
    out
}

/// The exact CSV header.
pub const CSV_HEADER: &str = "unit,element,criterion,scenario,task,step,method";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

pub fn to_csv(rows: &[MapRow]) -> String {
    let mut out = String::with_capacity(rows.len() * 80);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for r in rows {
        let fields = [
            &r.unit,
            &r.element,
            &r.criterion,
            &r.scenario,
            &r.task,
            &r.step,
            &r.method,
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// One line of the readable matrix: a criterion and, per scenario, how it is evidenced.
struct MatrixLine {
    id: String,
    text: String,
    cells: Vec<Vec<String>>,
}

struct Matrix {
    unit: String,
    title: String,
    scenarios: Vec<String>,
    lines: Vec<MatrixLine>,
}

fn matrices(library: &Library, rows: &[MapRow]) -> Vec<Matrix> {
    let mut out = Vec::new();
    for unit in &library.units {
        let scenarios: Vec<String> = library
            .scenarios
            .iter()
            .filter(|s| s.unit_ids().any(|u| u == unit.id))
            .map(|s| s.id().to_owned())
            .collect();
        let texts = unit
            .criteria()
            .map(|(_, c)| (c.id.clone(), c.text.clone()))
            .chain(
                unit.evidence_guide
                    .critical_aspects
                    .iter()
                    .map(|a| (a.id.clone(), a.text.clone())),
            )
            .chain(
                unit.range_items()
                    .map(|(v, i)| (i.id.clone(), format!("{}: {}", v.term, i.text))),
            );
        let lines = texts
            .map(|(id, text)| {
                let cells = scenarios
                    .iter()
                    .map(|s| {
                        let mut found: Vec<String> = rows
                            .iter()
                            .filter(|r| r.criterion == id && &r.scenario == s)
                            .map(|r| {
                                if r.step.is_empty() {
                                    r.method.clone()
                                } else {
                                    format!("{} ({})", r.step, r.method)
                                }
                            })
                            .collect();
                        found.dedup();
                        found
                    })
                    .collect();
                MatrixLine { id, text, cells }
            })
            .collect();
        out.push(Matrix {
            unit: unit.id.clone(),
            title: unit.title.clone(),
            scenarios,
            lines,
        });
    }
    out
}

/// Coverage counts: (evidenced, total) over the rows' distinct criteria.
pub fn coverage(rows: &[MapRow]) -> (usize, usize) {
    let all: BTreeSet<&str> = rows.iter().map(|r| r.criterion.as_str()).collect();
    let covered: BTreeSet<&str> = rows
        .iter()
        .filter(|r| !r.is_gap())
        .map(|r| r.criterion.as_str())
        .collect();
    (covered.len(), all.len())
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn to_markdown(library: &Library, rows: &[MapRow]) -> String {
    let mut out = String::from("# Assessment mapping\n\n");
    let (covered, total) = coverage(rows);
    let _ = writeln!(
        out,
        "{covered} of {total} criteria, critical aspects and range items are evidenced. Gaps are marked **GAP**.\n"
    );
    for m in matrices(library, rows) {
        let _ = writeln!(out, "## {} {}\n", m.unit, md_cell(&m.title));
        if m.scenarios.is_empty() {
            out.push_str("No loaded scenario assesses this unit.\n\n");
        }
        let _ = write!(out, "| Criterion | Text |");
        for s in &m.scenarios {
            let _ = write!(out, " {} |", md_cell(s));
        }
        out.push_str("\n|---|---|");
        out.push_str(&"---|".repeat(m.scenarios.len()));
        out.push('\n');
        for line in &m.lines {
            let gap = line.cells.iter().all(|c| c.is_empty());
            let id = if gap {
                format!("**{}** **GAP**", line.id)
            } else {
                line.id.clone()
            };
            let _ = write!(out, "| {} | {} |", md_cell(&id), md_cell(&line.text));
            for cell in &line.cells {
                let text = if cell.is_empty() {
                    "—".to_owned()
                } else {
                    cell.join("<br>")
                };
                let _ = write!(out, " {} |", md_cell(&text));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

pub fn to_html(library: &Library, rows: &[MapRow]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>casesim: assessment mapping</title>\n<style>\n\
body{font-family:system-ui,sans-serif;margin:2em;color:#1d1d1f}\n\
table{border-collapse:collapse;margin-bottom:2em;width:100%}\n\
th,td{border:1px solid #c8c8cc;padding:4px 8px;vertical-align:top;text-align:left;font-size:0.9em}\n\
th{background:#eef1f5}\ntr.gap td{background:#fde8e8}\ntd.gap{background:#fde8e8;color:#9b1c1c;font-weight:600}\n\
td.ok{background:#e9f6ec}\n@media print{body{margin:0}tr{break-inside:avoid}}\n</style>\n</head>\n<body>\n<h1>Assessment mapping</h1>\n",
    );
    let (covered, total) = coverage(rows);
    let _ = writeln!(
        out,
        "<p>{covered} of {total} criteria, critical aspects and range items are evidenced. Gaps are highlighted.</p>"
    );
    for m in matrices(library, rows) {
        let _ = writeln!(out, "<h2>{} {}</h2>", escape(&m.unit), escape(&m.title));
        out.push_str("<table>\n<thead><tr><th>Criterion</th><th>Text</th>");
        for s in &m.scenarios {
            let _ = write!(out, "<th>{}</th>", escape(s));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for line in &m.lines {
            let gap = line.cells.iter().all(|c| c.is_empty());
            let _ = write!(
                out,
                "<tr{}><td>{}</td><td>{}</td>",
                if gap { " class=\"gap\"" } else { "" },
                escape(&line.id),
                escape(&line.text)
            );
            if m.scenarios.is_empty() {
                out.push_str("<td class=\"gap\">not evidenced</td>");
            }
            for cell in &line.cells {
                if cell.is_empty() {
                    out.push_str("<td class=\"gap\">gap</td>");
                } else {
                    let items: Vec<String> = cell.iter().map(|c| escape(c)).collect();
                    let _ = write!(out, "<td class=\"ok\">{}</td>", items.join("<br>"));
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
