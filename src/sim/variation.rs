//! Variations: values drawn from the attempt's seed, and text with `{placeholders}` filled in.

use std::collections::BTreeMap;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use crate::scenario::raw::{Pick, Quantity, VariationFile};

/// The values of one attempt's variations, by name.
pub type Values = BTreeMap<String, String>;

/// A uniform draw from `0..n` without modulo bias.
fn below(rng: &mut ChaCha8Rng, n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let x = rng.next_u64();
        if x < zone {
            return x % n;
        }
    }
}

fn format_number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.2}")
    }
}

/// Draw every variation from `seed`, in file order: the same seed gives the same values.
pub fn draw(variations: &[VariationFile], seed: u64) -> Values {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut values = Values::new();
    for v in variations {
        let value = match &v.pick {
            Pick::OneOf(options) => {
                let i = below(&mut rng, options.len() as u64) as usize;
                options.get(i).map(|o| o.value.clone()).unwrap_or_default()
            }
            Pick::Between { min, max, step } => {
                let step = step.as_ref().map(|s| s.value).unwrap_or(1.0);
                let steps = if step > 0.0 && max.value >= min.value {
                    ((max.value - min.value) / step + 1e-9).floor() as u64
                } else {
                    0
                };
                let k = below(&mut rng, steps + 1);
                format_number(min.value + k as f64 * step)
            }
        };
        values.insert(v.name.value.clone(), value);
    }
    values
}

/// `text` with every `{name}` replaced by its value; `{{` and `}}` are literal braces.
pub fn render(text: &str, values: &Values) -> String {
    // Braces are ASCII, so a byte search finds them (and is much quicker than a char search).
    let brace = |s: &str| memchr::memchr2(b'{', b'}', s.as_bytes());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = brace(rest) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let Some(stripped) = tail.strip_prefix('{')
            && let Some(end) = stripped.find('}')
        {
            let name = stripped[..end].trim();
            match values.get(name) {
                Some(v) => out.push_str(v),
                None => out.push_str(&tail[..end + 2]),
            }
            rest = &stripped[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The number a quantity stands for in this attempt (0 if a variation is not a number).
pub fn amount(q: &Quantity, values: &Values) -> f64 {
    match q {
        Quantity::Number(n) => *n,
        Quantity::Variation(name) => values
            .get(name)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Spanned;

    fn sp<T>(v: T) -> Spanned<T> {
        Spanned::new(v, Default::default())
    }

    fn variations() -> Vec<VariationFile> {
        vec![
            VariationFile {
                name: sp("name".to_owned()),
                pick: Pick::OneOf(vec![
                    sp("Mai".to_owned()),
                    sp("Lien".to_owned()),
                    sp("Hoa".to_owned()),
                ]),
            },
            VariationFile {
                name: sp("budget".to_owned()),
                pick: Pick::Between {
                    min: sp(900.0),
                    max: sp(1400.0),
                    step: Some(sp(50.0)),
                },
            },
        ]
    }

    #[test]
    fn same_seed_same_values_and_values_vary_with_seed() {
        let v = variations();
        assert_eq!(draw(&v, 7), draw(&v, 7));
        let names: std::collections::BTreeSet<String> =
            (0..50).map(|s| draw(&v, s)["name"].clone()).collect();
        assert_eq!(names.len(), 3, "all three names appear over 50 seeds");
        for s in 0..200 {
            let b: f64 = draw(&v, s)["budget"].parse().unwrap();
            assert!(
                (900.0..=1400.0).contains(&b) && (b % 50.0).abs() < 1e-9,
                "{b}"
            );
        }
    }

    #[test]
    fn render_fills_placeholders_and_keeps_escaped_braces() {
        let mut values = Values::new();
        values.insert("name".into(), "Mai".into());
        assert_eq!(
            render("Hi {name}, {{ok}} {missing}!", &values),
            "Hi Mai, {ok} {missing}!"
        );
        assert_eq!(render("no braces", &values), "no braces");
        assert_eq!(render("lone } and {", &values), "lone } and {");
    }
}
