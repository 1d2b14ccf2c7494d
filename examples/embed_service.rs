//! Embedding cfc in a service that keeps its own database: load the rules once, validate
//! evidence built as text, evaluate many units, use the results. Run with
//! `cargo run --example embed_service`. (`examples/embed.rs` is the shortest common case.)
//! The evidence is built as text, as a system that keeps its own database would produce it; it
//! goes through exactly the same validation as a council's files.

use cfc::{CriteriaSet, Evaluator, Evidence, Policy};

fn evidence_text(code: &str, vaccinated: u32, drowning: bool) -> String {
    let mut text = format!(
        r#"[unit]
code = "{code}"
name = "Xã minh họa {code}"
kind = "xa"
class = "mountain_island_difficult"
synthetic = true

[period]
from = 2024-01-01
to = 2024-12-31

[inputs]
children_total = 1800
protection_officer_assigned = true
villages_total = 6
villages_with_collaborator = 6
protection_board_established = true
protection_board_reviews = 12
child_budget_vnd = 30_000_000
births_in_period = 55
births_registered_on_time = 55
children_in_conflict_with_law = 0
children_using_drugs = 0
children_injured = 4
special_circumstances_children = 20
special_circumstances_supported = 20
under1_children = 50
under1_fully_vaccinated = {vaccinated}
under5_measured = 480
under5_underweight = 40
under5_stunted = 130
children_checkup_target = 1200
children_checked = 1100
age5_children = 50
age5_in_preschool = 50
primary_age_children = 600
primary_age_enrolled = 600
lower_secondary_age_children = 450
lower_secondary_age_enrolled = 440
children_forums_held = 1
children_consulted = true
children_clubs = 2
play_space_available = true
children_events_held = 3
children_surveyed = 100
children_satisfied = 85
adults_surveyed = 120
adults_satisfied = 100
"#
    );
    if drowning {
        text += "\n[[incidents]]\nid = \"X-1\"\ndate = 2024-06-01\nkind = \"drowning\"\n";
    }
    text
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Load and compile once: every script is compiled here, never per unit.
    let set = CriteriaSet::load("criteria/qd-06-2019.toml")?;
    let policy = Policy::load("criteria/son-ha-2024.toml", &set)?;
    let evaluator = Evaluator::new(set, Some(policy))?;

    // Validate each unit's evidence; a bad one is reported with file:line:column and skipped.
    let mut units = Vec::new();
    for (code, vaccinated, drowning) in [
        ("90001", 50, false),
        ("90002", 47, false),
        ("90003", 50, true),
    ] {
        let text = evidence_text(code, vaccinated, drowning);
        match Evidence::parse(
            format!("{code}.toml"),
            &text,
            evaluator.criteria(),
            Some(2024),
        ) {
            Ok(ev) => units.push(ev),
            Err(problems) => eprintln!("{problems}"),
        }
    }
    let broken = evidence_text("90004", 51, false); // 51 vaccinated of 50 children
    if let Err(problems) = Evidence::parse("90004.toml", &broken, evaluator.criteria(), Some(2024))
    {
        println!("refused as expected:\n  {problems}\n");
    }

    // Evaluate in parallel; results come back in input order, as serde types.
    for result in evaluator.evaluate_all(&units) {
        let r = result?;
        let verdict = if r.recognised {
            "recognised"
        } else {
            "not recognised"
        };
        println!(
            "{} {}: {} / {} → {verdict}",
            r.code, r.name, r.total, r.threshold
        );
        for reason in &r.reasons {
            println!("    {reason}");
        }
        let c07 = &r.criteria[6].indicators[0];
        println!("    7.1 scored {} by the row {:?}", c07.points, c07.row);
    }
    println!(
        "\nprovisional rules used: {}",
        evaluator.criteria().provisional_rules().join(", ")
    );
    Ok(())
}
