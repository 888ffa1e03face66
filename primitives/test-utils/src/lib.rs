//! Test harnesses shared by the DEX pallets.
//!
//! [`BadInputMatrix`] runs every call of a pallet with each kind of bad input and checks two
//! things per row: the call fails with exactly the expected error, and it leaves the storage root
//! as it was (bad input changes nothing). It prints the rows as the Markdown table that
//! `docs/RELIABILITY.md` shows (`cargo test -p pallet-amm bad_input_matrix -- --nocapture`).

use sp_runtime::{DispatchError, DispatchResult, ModuleError, StateVersion};

/// One row of a bad-input matrix: a call, the bad input it gets, and the error it must return.
pub struct Row<'a> {
	/// The call's name as the pallet declares it, e.g. `swap_exact_in`.
	pub call: &'static str,
	/// What is wrong with the input, in words, e.g. `deadline passed`.
	pub input: &'static str,
	/// Dispatches the call with that input.
	pub dispatch: Box<dyn Fn() -> DispatchResult + 'a>,
	/// The error the call must return.
	pub error: DispatchError,
}

impl<'a> Row<'a> {
	/// A row for `call` with the bad `input`, dispatched by `dispatch`, expecting `error`.
	pub fn new(
		call: &'static str,
		input: &'static str,
		dispatch: impl Fn() -> DispatchResult + 'a,
		error: impl Into<DispatchError>,
	) -> Self {
		Self { call, input, dispatch: Box::new(dispatch), error: error.into() }
	}
}

/// Checks rows of bad input inside test externalities and collects every mismatch, so one run
/// reports all wrong rows at once; [`BadInputMatrix::finish`] fails the test if there was any.
pub struct BadInputMatrix {
	/// The pallet's name in the runtime, used in the printed table (`amm`, `liquidityMining`).
	pallet: &'static str,
	/// The name error names are prefixed with (`Amm`, `LiquidityMining`).
	error_prefix: &'static str,
	/// Rows that returned another result or changed storage.
	wrong: Vec<String>,
}

impl BadInputMatrix {
	/// A matrix for `pallet` (as called from a client) whose module errors print as
	/// `error_prefix::Name`; prints the table's header.
	pub fn new(pallet: &'static str, error_prefix: &'static str) -> Self {
		println!("| Call | Bad input | Error |\n| --- | --- | --- |");
		Self { pallet, error_prefix, wrong: Vec::new() }
	}

	/// Dispatches one row, checks its error and that storage is unchanged, prints it.
	pub fn check(&mut self, row: Row<'_>) {
		let Row { call, input, dispatch, error } = row;
		let root = sp_io::storage::root(StateVersion::V1);
		let result = dispatch();
		if result != Err(error) {
			self.wrong.push(format!("{call} / {input}: expected {error:?}, got {result:?}"));
		} else if sp_io::storage::root(StateVersion::V1) != root {
			self.wrong.push(format!("{call} / {input}: storage changed"));
		}
		println!("| `{}.{call}` | {input} | `{}` |", self.pallet, self.error_name(&error));
	}

	/// Checks every row in order.
	pub fn check_all<'a>(&mut self, rows: impl IntoIterator<Item = Row<'a>>) {
		for row in rows {
			self.check(row);
		}
	}

	/// Fails the test with every wrong row.
	pub fn finish(self) {
		assert!(self.wrong.is_empty(), "{}", self.wrong.join("\n"));
	}

	/// The name of an error as the table prints it: `Prefix::Name` for a module error.
	fn error_name(&self, error: &DispatchError) -> String {
		match error {
			DispatchError::Module(ModuleError { message: Some(name), .. }) => {
				format!("{}::{name}", self.error_prefix)
			}
			other => format!("{other:?}"),
		}
	}
}

/// The number of cases for a property test: `PROPTEST_CASES` when set (a long run, e.g.
/// `PROPTEST_CASES=10000 cargo test ...`), else `default`.
pub fn proptest_cases(default: u32) -> u32 {
	std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Counts, over the cases of a property test, the steps that really exercised the property
/// (a call that succeeded, a round trip that completed) and those that did not (a call the
/// generator's input made fail), then reports the share and fails when too few were real, so a
/// property test cannot pass by skipping.
pub struct Coverage {
	name: &'static str,
	exercised: std::sync::atomic::AtomicU64,
	skipped: std::sync::atomic::AtomicU64,
}

impl Coverage {
	/// Counters for the property test `name`.
	pub const fn new(name: &'static str) -> Self {
		Self {
			name,
			exercised: std::sync::atomic::AtomicU64::new(0),
			skipped: std::sync::atomic::AtomicU64::new(0),
		}
	}

	/// Counts a step that exercised the property when `exercised`, a skipped one otherwise.
	pub fn count(&self, exercised: bool) {
		let counter = if exercised { &self.exercised } else { &self.skipped };
		counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
	}

	/// Prints `NAME: N exercised, M skipped (P % skipped)` and panics unless at least
	/// `min_percent` of the steps exercised the property.
	pub fn finish(&self, min_percent: u64) {
		let exercised = self.exercised.load(std::sync::atomic::Ordering::Relaxed);
		let skipped = self.skipped.load(std::sync::atomic::Ordering::Relaxed);
		let total = (exercised + skipped).max(1);
		println!(
			"{}: {exercised} steps exercised the property, {skipped} skipped ({:.1} % skipped)",
			self.name,
			skipped as f64 * 100.0 / total as f64
		);
		assert!(
			exercised * 100 >= total * min_percent,
			"{}: only {exercised} of {total} steps exercised the property (at least {min_percent} % \
			 must)",
			self.name
		);
	}
}
