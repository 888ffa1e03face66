//! Runtime-wide invariant fuzzing: random sequences of AMM, LP-token and liquidity-mining calls
//! from several accounts, with random and extreme amounts, on the real runtime, with every
//! invariant checked after each call and each block (see `docs/RELIABILITY.md`).

pub mod ops;
pub mod run;

use std::{
	collections::BTreeMap,
	path::PathBuf,
	sync::{
		atomic::{AtomicU64, Ordering},
		Mutex,
	},
};

/// Where minimised failing sequences are saved; every file there is replayed by the tests.
pub fn regressions_dir() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions")
}

/// A failing sequence found by a campaign, minimised.
pub struct Failure {
	/// The sequence's index in the campaign.
	pub index: u64,
	/// The minimised sequence.
	pub ops: Vec<ops::Op>,
	/// What broke, after which operation of the minimised sequence.
	pub violation: run::Violation,
	/// Where the sequence was saved.
	pub saved: PathBuf,
}

/// Totals of a campaign.
#[derive(Default)]
pub struct Report {
	/// Sequences run.
	pub sequences: u64,
	/// Operations executed.
	pub ops: u64,
	/// Calls dispatched, and how many succeeded.
	pub calls: u64,
	/// Calls that succeeded.
	pub succeeded: u64,
	/// Blocks checked.
	pub blocks: u64,
	/// Per call name: calls dispatched and calls that succeeded.
	pub by_call: BTreeMap<&'static str, (u64, u64)>,
	/// Violations found, minimised and saved.
	pub failures: Vec<Failure>,
}

/// Runs sequences `0..count` of `seed` on `threads` threads. Each failing sequence is minimised
/// and saved under [`regressions_dir`]; the campaign stops collecting after ten of them.
pub fn campaign(seed: u64, count: u64, threads: usize) -> Report {
	let genesis = run::genesis();
	let next = AtomicU64::new(0);
	let report = Mutex::new(Report::default());
	std::thread::scope(|scope| {
		for _ in 0..threads.max(1) {
			scope.spawn(|| loop {
				let index = next.fetch_add(1, Ordering::Relaxed);
				if index >= count || report.lock().expect("no thread panics").failures.len() >= 10 {
					return;
				}
				let sequence = ops::sequence(seed, index);
				let result = run::run(&genesis, &sequence);
				let mut totals = report.lock().expect("no thread panics");
				totals.sequences += 1;
				match result {
					Ok(outcome) => {
						totals.ops += outcome.ops;
						totals.calls += outcome.calls;
						totals.succeeded += outcome.succeeded;
						totals.blocks += outcome.blocks;
						for (name, (calls, succeeded)) in outcome.by_call {
							let entry = totals.by_call.entry(name).or_default();
							entry.0 += calls;
							entry.1 += succeeded;
						}
					}
					Err(_) => {
						totals.ops += sequence.len() as u64;
						drop(totals);
						let failure = record_failure(&genesis, seed, index, sequence);
						report.lock().expect("no thread panics").failures.push(failure);
					}
				}
			});
		}
	});
	report.into_inner().expect("no thread panics")
}

fn record_failure(
	genesis: &sp_core::storage::Storage,
	seed: u64,
	index: u64,
	sequence: Vec<ops::Op>,
) -> Failure {
	let ops = run::minimise(genesis, sequence);
	let violation = run::run(genesis, &ops).expect_err("a minimised sequence still fails");
	let dir = regressions_dir();
	let saved = dir.join(format!("seed-{seed}-sequence-{index}.json"));
	let json = serde_json::to_string_pretty(&ops).expect("operations serialise");
	if std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&saved, json)).is_err() {
		eprintln!("could not save {}", saved.display());
	}
	Failure { index, ops, violation, saved }
}
