//! `casesim check`: exit codes, text and JSON output, bad input that must not hang or panic.

use crate::{casesim, codes, load_text, stdout};

#[test]
fn bundled_scenarios_check_clean() {
    let out = casesim(&["check", "scenarios/"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let last = text.lines().last().unwrap_or("");
    assert!(
        last.ends_with(", 0 errors, 0 warnings"),
        "last line: {last}"
    );
}

#[test]
fn errors_exit_1_with_position_snippet_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "Scenario(\n    titel: \"x\",\n)\n").unwrap();
    let out = casesim(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or("");
    assert_eq!(
        first,
        format!(
            "{}:2:5: error: unknown field `titel` in `Scenario`",
            path.display()
        )
    );
    assert!(text.contains("2 |     titel: \"x\","), "{text}");
    assert!(text.contains("did you mean `title`?"), "{text}");
    assert_eq!(text.lines().last(), Some("1 file, 1 error, 0 warnings"));
}

#[test]
fn usage_error_exits_2() {
    let out = casesim(&["check", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = casesim(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_command_has_help() {
    for args in [&["--help"][..], &["check", "--help"], &["map", "--help"]] {
        let out = casesim(args);
        assert!(out.status.success(), "{args:?}");
        assert!(stdout(&out).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn json_format_has_summary_and_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.ron"),
        "Unit(\n  id: \"X\",\n  code: 3,\n)",
    )
    .unwrap();
    let out = casesim(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["files"], 1);
    assert_eq!(v["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "invalid-type");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(9))
    );
}

#[test]
fn a_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-broken.ron"), "Scenario(").unwrap();
    std::fs::copy(
        crate::scenarios_dir().join("home-after-hospital.ron"),
        dir.path().join("b-good.ron"),
    )
    .unwrap();
    let lib = casesim::scenario::Library::load(&[dir.path().to_path_buf()]);
    assert_eq!(lib.files, 2);
    assert_eq!(lib.scenarios.len(), 1, "{:#?}", lib.diagnostics);
    assert_eq!(lib.errors(), 1);
}

#[test]
fn a_folder_of_thousands_of_files_loads_quickly_and_completely() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        let sub = dir.path().join(format!("d{}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        let text = if i % 2 == 0 {
            "Scenario(".to_owned()
        } else {
            format!("Nonsense{i}()")
        };
        std::fs::write(sub.join(format!("f{i}.ron")), text).unwrap();
        std::fs::write(sub.join(format!("f{i}.txt")), "ignored").unwrap();
    }
    let lib = casesim::scenario::Library::load(&[dir.path().to_path_buf()]);
    assert_eq!(lib.files, 3000);
    assert_eq!(lib.errors(), 3000);
}

#[test]
fn oversized_file_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(9 * 1024 * 1024).unwrap();
    let lib = casesim::scenario::Library::load(&[path]);
    assert_eq!(codes(&lib), vec!["too-large@1:1"]);
    assert!(lib.diagnostics[0].message.contains("at most 8 MiB"));
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let text = format!(
        "Scenario(id: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let lib = load_text("deep.ron", &text);
    assert_eq!(lib.diagnostics.len(), 1);
    assert_eq!(lib.diagnostics[0].code, "too-deep");
}

#[test]
fn missing_path_is_an_error_not_a_panic() {
    let out = casesim(&["check", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("no/such/folder:1:1: error: cannot open"));
}

/// Regression: an impossible condition under `Not` always holds; it is a warning, not an error.
#[test]
fn impossible_condition_under_not_is_a_warning() {
    let path = crate::root().join("tests/fixtures/bad/condition-flag-never-set.ron");
    let text = crate::read(&path);
    let bad = load_text("flag.ron", &text);
    assert!(
        codes(&bad).contains(&"never-fires@50:73".to_owned()),
        "{:?}",
        codes(&bad)
    );
    let negated = text.replace(
        "Flag(\"explained-complaints\")",
        "Not(Flag(\"explained-complaints\"))",
    );
    let lib = load_text("not-flag.ron", &negated);
    assert_eq!(lib.errors(), 0, "{:?}", codes(&lib));
    assert!(
        codes(&lib).contains(&"always-holds@50:77".to_owned()),
        "{:?}",
        codes(&lib)
    );
}
