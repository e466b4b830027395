//! Writes the benchmark pages into `fixtures/bench/` from `fixtures/bench/generator.rs`.
//!
//! `cargo run -p bench --bin generate-bench-fixtures`; a test holds the
//! committed files to what this writes.

fn main() -> std::io::Result<()> {
    let dir = bench::fixtures_dir();
    for page in bench::generator::fixtures() {
        for (suffix, text) in [("json", &page.wire), ("native.json", &page.native)] {
            let path = dir.join(format!("{}.{suffix}", page.name));
            std::fs::write(&path, text)?;
            println!("{} ({} bytes)", path.display(), text.len());
        }
    }
    Ok(())
}
