//! `casesim map`: the assessment mapping matrix.

use std::collections::{BTreeSet, HashMap};

use crate::{casesim, stdout};

#[test]
fn csv_lists_every_criterion_and_critical_aspect() {
    let out = casesim(&["map", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("unit,element,criterion,scenario,task,step,method")
    );
    let mut criteria: HashMap<String, BTreeSet<String>> = HashMap::new();
    for line in lines {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 7, "bad row {line}");
        criteria
            .entry(cols[0].to_owned())
            .or_default()
            .insert(cols[2].to_owned());
    }
    let chc = &criteria["CHCMGT006"];
    assert_eq!(
        chc.iter()
            .filter(|c| !c.contains("/CA") && !c.contains("/R"))
            .count(),
        21
    );
    let cod = &criteria["COD-OS-SW-CR-11-6-A"];
    assert_eq!(
        cod.iter()
            .filter(|c| !c.contains("/CA") && !c.contains("/R"))
            .count(),
        41
    );
    assert_eq!(cod.iter().filter(|c| c.contains("/CA")).count(), 17);
    assert_eq!(cod.iter().filter(|c| c.contains("/R")).count(), 5);
}

#[test]
fn gaps_have_empty_places_and_md_html_highlight_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = casesim(&["map", dir.path().to_str().unwrap(), "--format", "csv"]);
    let text = stdout(&out);
    // With no scenarios, every criterion is a gap: unit,element,criterion,,,,
    let gap = text
        .lines()
        .find(|l| l.contains("CHCMGT006/2.5"))
        .expect("2.5 listed");
    assert_eq!(gap, "CHCMGT006,CHCMGT006/E2,CHCMGT006/2.5,,,,");
    let md = stdout(&casesim(&[
        "map",
        dir.path().to_str().unwrap(),
        "--format",
        "md",
    ]));
    assert!(md.contains("**CHCMGT006/2.5** **GAP**"), "{md}");
    assert!(
        md.contains("0 of 84 criteria"),
        "{}",
        md.lines().nth(2).unwrap_or("")
    );
    let html = stdout(&casesim(&[
        "map",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
    ]));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<tr class=\"gap\"><td>CHCMGT006/2.5</td>"),
        "gap row not highlighted"
    );
}

#[test]
fn output_option_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.html");
    let out = casesim(&[
        "map",
        "--format",
        "html",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("COD-OS-SW-CR-11-6-A/CA1.17"));
}
