//! Invariant fuzzing of the whole runtime.
//!
//! Quick mode (part of `cargo test`): `FUZZ_SEQUENCES` sequences (default 5,000) of a fixed seed.
//! Long mode: `scripts/fuzz.sh N`, which sets `FUZZ_SEQUENCES=N` and a fresh `FUZZ_SEED`.
//! `FUZZ_THREADS` sets the threads (default: every core).

// The genesis presets', farms', fee payment's, hostile issuers' and the upgrade's checks share this test
// binary: fewer binaries to link.
mod dev_genesis;
mod farms;
mod fee_payment;
mod fuzz;
mod governance;
mod hostile;
#[cfg(feature = "try-runtime")]
mod upgrade;

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
		"fuzz: seed {seed}, {} sequences, {} operations, {} transactions included ({} calls \
		 succeeded, {} fees paid in an asset), {} refused, {} blocks checked, {} violations, \
		 {:.1} s; slowest transaction {:.2}% of its weight ({})",
		report.sequences,
		report.ops,
		report.calls,
		report.succeeded,
		report.asset_fees,
		report.refused,
		report.blocks,
		report.failures.len(),
		started.elapsed().as_secs_f64(),
		report.max_time_ppm as f64 / 10_000.0,
		report.slowest,
	);
	for (name, (calls, succeeded)) in &report.by_call {
		println!("  {name:<42} {calls:>9} calls {succeeded:>9} succeeded");
	}
	for message in &report.noise {
		println!("  did not reproduce (noise): {message}");
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
	// A machine so busy that one sequence in a hundred is disturbed is no test of weights.
	assert!(
		report.noise.len() as u64 * 100 <= report.sequences.max(100),
		"{} sequences measured over their weight and then not",
		report.noise.len()
	);
	// The campaign must exercise the pallets, not only bounce off their checks: overall, and
	// every call it generated must succeed sometimes (test review F5).
	assert!(report.succeeded * 5 > report.calls, "fewer than one call in five succeeded");
	if report.sequences >= 1_000 {
		let never: Vec<_> = report
			.by_call
			.iter()
			.filter(|(_, (calls, succeeded))| *calls >= 20 && *succeeded == 0)
			.map(|(name, _)| *name)
			.collect();
		assert!(never.is_empty(), "calls that never succeeded: {never:?}");
	}
}

#[test]
fn saved_regressions_keep_every_invariant() {
	let genesis = run::genesis();
	let mut files: Vec<_> = std::fs::read_dir(fuzz::regressions_dir())
		.expect("the regression corpus is committed")
		.map(|entry| entry.expect("the directory lists").path())
		.filter(|path| path.extension().is_some_and(|e| e == "json"))
		.collect();
	files.sort();
	assert!(!files.is_empty(), "the regression corpus is empty");
	let (mut ops, mut calls) = (0, 0);
	for path in &files {
		let text = std::fs::read_to_string(path).expect("the regression file reads");
		let sequence: Vec<Op> = serde_json::from_str(&text).expect("the regression file parses");
		match run::run(&genesis, &sequence) {
			Ok(outcome) => {
				assert_eq!(
					outcome.ops,
					sequence.len() as u64,
					"{}: not every step ran",
					path.display()
				);
				ops += outcome.ops;
				calls += outcome.calls;
			}
			Err(violation) => {
				panic!(
					"{}: after operation {}: {}",
					path.display(),
					violation.op,
					violation.message
				)
			}
		}
	}
	println!("replayed {} saved sequences: {ops} operations, {calls} transactions", files.len());
}
