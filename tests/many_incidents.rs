//! A large ward's incident register is evidence, not an attack: a unit with 12,000 incidents in
//! the year is scored and every disqualifier of the Sơn Hà policy is checked over all of them.
//! The sandbox's map, array and string limits bound what a script builds, never the register
//! it is given (issue 8).

use cfc::{CriteriaSet, Evaluator, Evidence, Policy};

const KINDS: [&str; 10] = [
    "drowning",
    "traffic",
    "other_injury",
    "violence",
    "sexual_abuse",
    "exploitation",
    "trafficking",
    "abandonment",
    "neglect",
    "other_abuse",
];
const ABUSE: [&str; 6] = [
    "sexual_abuse",
    "exploitation",
    "trafficking",
    "abandonment",
    "neglect",
    "other_abuse",
];
/// Beyond 10,000 (the figure) and beyond the largest array a script may build, so the
/// register's own room in the sandbox is exercised too.
const N: usize = 12_000;

/// Son Ba's evidence with its register replaced by `N` incidents, kinds in turn, every tenth
/// fatal, dates spread over the year.
fn evidence_text() -> (String, Vec<(String, &'static str, bool)>) {
    let base = std::fs::read_to_string("fixtures/son-ha-2024/son-ba.toml").unwrap();
    let head = base.split("[[incidents]]").next().unwrap();
    let head = head.replace("children_injured = 6", &format!("children_injured = {N}"));
    let mut text = head.to_string();
    let mut register = Vec::with_capacity(N);
    for n in 0..N {
        let kind = KINDS[n % KINDS.len()];
        let id = format!("SB-{n:05}");
        let fatal = n % 10 == 0;
        let month = n % 12 + 1;
        let day = n % 28 + 1;
        text += &format!(
            "[[incidents]]\nid = \"{id}\"\ndate = 2024-{month:02}-{day:02}\nkind = \"{kind}\"\nfatal = {fatal}\n\n"
        );
        register.push((id, kind, fatal));
    }
    (text, register)
}

#[test]
fn a_unit_with_twelve_thousand_incidents_is_scored_and_every_disqualifier_checked() {
    let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
    let policy = Policy::load("criteria/son-ha-2024.toml", &set).unwrap();
    let (text, register) = evidence_text();
    let ev =
        Evidence::parse("many.toml", &text, &set, Some(2024)).unwrap_or_else(|e| panic!("{e}"));
    let evaluator = Evaluator::new(set.clone(), Some(policy)).unwrap();
    let r = evaluator.evaluate(&ev).unwrap_or_else(|e| panic!("{e}"));

    let ids = |pred: &dyn Fn(&str, bool) -> bool| -> Vec<String> {
        register
            .iter()
            .filter(|(_, k, f)| pred(k, *f))
            .map(|(id, _, _)| id.clone())
            .collect()
    };
    let drowning = ids(&|k, _| k == "drowning");
    let violence = ids(&|k, _| k == "violence");
    let abuse = ids(&|k, _| ABUSE.contains(&k));
    assert_eq!(drowning.len(), N / 10);
    assert_eq!(abuse.len(), N * 6 / 10);
    let hits: Vec<(&str, &[String])> = r
        .disqualifiers
        .iter()
        .map(|h| (h.id.as_str(), h.incidents.as_slice()))
        .collect();
    assert_eq!(
        hits,
        [
            ("drowning", drowning.as_slice()),
            ("violence", violence.as_slice()),
            ("abuse", abuse.as_slice()),
        ]
    );
    assert!(!r.recognised);

    // The register reaches the trace whole, and the derived counts count all of it.
    assert_eq!(r.incidents.len(), N);
    assert!(r.incidents.iter().all(|i| i.in_period));
    let derived: Vec<(&str, u64, usize)> = r
        .derived
        .iter()
        .map(|d| (d.name.as_str(), d.value, d.incidents.len()))
        .collect();
    let abuse_victims = ids(&|k, _| KINDS[3..].contains(&k)).len() as u64;
    let injuries = ids(&|k, _| KINDS[..3].contains(&k));
    let injury_deaths = ids(&|k, f| KINDS[..3].contains(&k) && f).len() as u64;
    assert_eq!(derived[0], ("abuse_victims", abuse_victims, N * 7 / 10));
    assert_eq!(
        derived[1],
        ("injury_deaths", injury_deaths, injury_deaths as usize)
    );
    assert_eq!(
        derived[2],
        ("injury_incidents", injuries.len() as u64, N * 3 / 10)
    );

    // Scoring is the same as scoring the counts alone: the criteria see the register only
    // through the derived counts, so the score equals that of the per-indicator scripts run
    // without the policy.
    let alone = Evaluator::new(set, None).unwrap().evaluate(&ev).unwrap();
    assert_eq!(alone.criteria, r.criteria);
    assert_eq!(alone.total, r.total);
    assert!(alone.disqualifiers.is_empty());
    let sum: cfc::Points = r.criteria.iter().map(|c| c.points).sum();
    assert_eq!(r.total, sum);
    assert!(
        r.reasons.iter().any(|w| w.contains("drowning")),
        "{:?}",
        r.reasons
    );
}
