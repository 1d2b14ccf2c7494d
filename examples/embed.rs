//! The common case for a system embedding cfc: open a round, evaluate it, read one indicator
//! of one unit. Run with `cargo run --example embed`.

fn main() -> cfc::Result<()> {
    let round = cfc::Round::load("fixtures/son-ha-2024")?;
    let results = round.evaluate();
    let unit = results
        .unit("21238")
        .expect("Sơn Thượng is in the example round");
    let immunisation = unit.indicator("7.1").expect("QĐ 06 has indicator 7.1");
    println!(
        "{} {}: {} / {} points",
        unit.code, unit.name, unit.total, unit.threshold
    );
    println!(
        "7.1: {} of {} points, by the row {:?}",
        immunisation.points, immunisation.max, immunisation.row
    );
    println!(
        "recognised: {}; reasons: {:?}",
        unit.recognised, unit.reasons
    );
    Ok(())
}
