//! Invariant fuzzing of the whole runtime.
//!
//! Quick mode (part of `cargo test`): `FUZZ_SEQUENCES` sequences (default 5,000) of a fixed seed.
//! Long mode: `scripts/fuzz.sh N`, which sets `FUZZ_SEQUENCES=N` and a fresh `FUZZ_SEED`.
//! `FUZZ_THREADS` sets the threads (default: every core).

// The genesis presets' and fee payment's checks share this test binary: one binary less to link.
mod dev_genesis;
mod fee_payment;
mod fuzz;

use fuzz::{ops::Op, run};

fn env_u64(name: &str) -> Option<u64> {
	std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn random_sequences_keep_every_invariant() {
	let seed = env_u64("FUZZ_SEED").unwrap_or(0x00DE_C0DE);
	let count = env_u64("FUZZ_SEQUENCES").unwrap_or(5_000);
	let threads = env_u64("FUZZ_THREADS")
		.map(|t| t as usize)
		.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
	let started = std::time::Instant::now();
	let report = fuzz::campaign(seed, count, threads);
	println!(
		"fuzz: seed {seed}, {} sequences, {} operations, {} calls ({} succeeded), {} blocks checked, \
		 {} violations, {:.1} s",
		report.sequences,
		report.ops,
		report.calls,
		report.succeeded,
		report.blocks,
		report.failures.len(),
		started.elapsed().as_secs_f64(),
	);
	for (name, (calls, succeeded)) in &report.by_call {
		println!("  {name:<42} {calls:>9} calls {succeeded:>9} succeeded");
	}
	for failure in &report.failures {
		println!(
			"violation in sequence {} after operation {} of {} (minimised): {}\n  saved to {}\n  {:?}",
			failure.index,
			failure.violation.op,
			failure.ops.len(),
			failure.violation.message,
			failure.saved.display(),
			failure.ops,
		);
	}
	assert!(report.failures.is_empty(), "{} invariant violations", report.failures.len());
	// The campaign must exercise the pallets, not only bounce off their checks.
	assert!(report.succeeded * 5 > report.calls, "fewer than one call in five succeeded");
}

#[test]
fn saved_regressions_keep_every_invariant() {
	let genesis = run::genesis();
	let Ok(entries) = std::fs::read_dir(fuzz::regressions_dir()) else { return };
	for entry in entries {
		let path = entry.expect("the directory lists").path();
		if path.extension().is_none_or(|e| e != "json") {
			continue;
		}
		let text = std::fs::read_to_string(&path).expect("the regression file reads");
		let ops: Vec<Op> = serde_json::from_str(&text).expect("the regression file parses");
		if let Err(violation) = run::run(&genesis, &ops) {
			panic!("{}: after operation {}: {}", path.display(), violation.op, violation.message);
		}
	}
}
