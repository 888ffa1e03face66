//! ParityDB's read and write weights. Until `scripts/benchmark-weights.sh` measures them on a
//! chain database of realistic size, these are the SDK's reference figures for ParityDB (8 µs per
//! read, 50 µs per write): the storage benchmark on a fresh dev chain's few dozen keys is
//! dominated by reading the runtime code and does not represent a running chain.

pub mod constants {
	pub use frame_support::weights::constants::ParityDbWeight;
}
