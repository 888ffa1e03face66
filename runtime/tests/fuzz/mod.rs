//! Runtime-wide invariant fuzzing: random sequences of AMM, LP-token, liquidity-mining and
//! asset-issuer calls from several accounts, with random and extreme amounts, as signed
//! transactions in real blocks of the real runtime, with every invariant checked after each
//! transaction and each block (see `docs/RELIABILITY.md`).

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
	/// Transactions included.
	pub calls: u64,
	/// Included transactions whose call succeeded.
	pub succeeded: u64,
	/// Transactions refused before dispatch (the block builder drops them).
	pub refused: u64,
	/// Included transactions whose fee was paid in an asset.
	pub asset_fees: u64,
	/// The highest share of its charged weight that a transaction's execution took, in ppm.
	pub max_time_ppm: u64,
	/// The call of that transaction.
	pub slowest: &'static str,
	/// Blocks checked.
	pub blocks: u64,
	/// Per call name: calls dispatched and calls that succeeded.
	pub by_call: BTreeMap<&'static str, (u64, u64)>,
	/// Violations found, minimised and saved.
	pub failures: Vec<Failure>,
	/// Violations that did not reproduce when their sequence ran again (a transaction or block
	/// measured over its weight while the machine was busy).
	pub noise: Vec<String>,
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
						totals.refused += outcome.refused;
						totals.asset_fees += outcome.asset_fees;
						if outcome.max_time_ppm > totals.max_time_ppm {
							totals.max_time_ppm = outcome.max_time_ppm;
							totals.slowest = outcome.slowest;
						}
						totals.blocks += outcome.blocks;
						for (name, (calls, succeeded)) in outcome.by_call {
							let entry = totals.by_call.entry(name).or_default();
							entry.0 += calls;
							entry.1 += succeeded;
						}
					}
					Err(violation) => {
						totals.ops += sequence.len() as u64;
						drop(totals);
						// A violation counts when it reproduces: a measured time over its weight
						// on a busy machine may not, and is then counted as noise.
						if (0..2).any(|_| run::run(&genesis, &sequence).is_ok()) {
							let mut totals = report.lock().expect("no thread panics");
							totals.noise.push(violation.message);
							continue;
						}
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
	let ops = run::minimise(genesis, sequence.clone());
	// Minimising keeps only steps that still fail; should the last run not, keep the original.
	let (ops, violation) = match run::run(genesis, &ops) {
		Err(violation) => (ops, violation),
		Ok(_) => {
			let violation = run::run(genesis, &sequence).err().unwrap_or(run::Violation {
				op: 0,
				message: "a violation that no longer reproduces".into(),
			});
			(sequence, violation)
		}
	};
	let dir = regressions_dir();
	let saved = dir.join(format!("seed-{seed}-sequence-{index}.json"));
	let json = serde_json::to_string_pretty(&ops).expect("operations serialise");
	if std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&saved, json)).is_err() {
		eprintln!("could not save {}", saved.display());
	}
	Failure { index, ops, violation, saved }
}
