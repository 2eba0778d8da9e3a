//! The units of competency as data.

use std::collections::HashSet;

use casesim::model::Method;
use casesim::scenario::Library;

use crate::scenarios_dir;

fn units() -> Library {
    let lib = Library::load(&[scenarios_dir().join("units")]);
    assert!(
        lib.diagnostics.is_empty(),
        "unit files have problems: {:#?}",
        lib.diagnostics
    );
    lib
}

#[test]
fn chcmgt006_has_4_elements_and_21_criteria() {
    let lib = units();
    let unit = lib.unit("CHCMGT006").expect("CHCMGT006 loads");
    assert_eq!(unit.code, "CHCMGT006");
    assert_eq!(unit.title, "Coordinate client directed services");
    assert_eq!(unit.elements.len(), 4);
    assert_eq!(unit.criteria().count(), 21);
    let (element, c) = unit.criterion("CHCMGT006/2.4").expect("2.4 exists");
    assert_eq!(element.id, "CHCMGT006/E2");
    assert!(
        c.text.starts_with("Develop and present a financial plan"),
        "{}",
        c.text
    );
    assert!(!unit.application.is_empty());
    assert!(!unit.foundation_skills.is_empty());
}

#[test]
fn cod_unit_has_11_elements_41_criteria_17_aspects_and_5_range_items() {
    let lib = units();
    let unit = lib.unit("COD-OS-SW-CR-11-6-A").expect("COD unit loads");
    assert_eq!(unit.code, "COD/OS/SW/CR/11/6/A");
    assert_eq!(unit.elements.len(), 11);
    assert_eq!(unit.criteria().count(), 41);
    let guide = &unit.evidence_guide;
    assert_eq!(guide.critical_aspects.len(), 17);
    assert_eq!(guide.critical_aspects[4].id, "COD-OS-SW-CR-11-6-A/CA1.5");
    assert_eq!(unit.range_items().count(), 5);
    assert_eq!(
        unit.range_item("COD-OS-SW-CR-11-6-A/R1.1")
            .map(|i| i.text.as_str()),
        Some("Create a rapport")
    );
    assert_eq!(
        guide.methods,
        vec![
            Method::WrittenTest,
            Method::Interview,
            Method::OralQuestioning,
            Method::Observation,
            Method::ThirdPartyReport
        ]
    );
    assert!(!unit.required_skills.is_empty() && !unit.required_knowledge.is_empty());
    assert_eq!(guide.resource_implications.len(), 2);
    assert_eq!(guide.context.len(), 3);
}

#[test]
fn every_critical_aspect_maps_to_existing_criteria() {
    let lib = units();
    let unit = lib.unit("COD-OS-SW-CR-11-6-A").expect("COD unit loads");
    for a in &unit.evidence_guide.critical_aspects {
        assert!(!a.criteria.is_empty(), "{} maps to nothing", a.id);
        for c in &a.criteria {
            assert!(unit.criterion(c).is_some(), "{} maps to unknown {c}", a.id);
        }
    }
}

#[test]
fn every_id_is_unique_across_both_units() {
    let lib = units();
    let mut seen = HashSet::new();
    let mut count = 0;
    for unit in &lib.units {
        for id in unit.all_ids() {
            assert!(seen.insert(id.to_owned()), "duplicate id {id}");
            count += 1;
        }
    }
    // 15 elements + 62 criteria + 17 critical aspects + 5 range items.
    assert_eq!(count, 15 + 62 + 17 + 5);
}

#[test]
fn unit_files_on_disk_are_the_built_in_units() {
    for (path, text) in casesim::scenario::load::BUILTIN_UNITS {
        let name = path.rsplit('/').next().unwrap_or(path);
        let disk = crate::read(&scenarios_dir().join("units").join(name));
        assert_eq!(disk, text, "{name} differs from the built-in copy");
    }
}
