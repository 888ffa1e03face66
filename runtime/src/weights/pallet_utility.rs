//! Placeholder until `scripts/weights.sh` generates this file.
pub type WeightInfo<T> = pallet_utility::weights::SubstrateWeight<T>;
