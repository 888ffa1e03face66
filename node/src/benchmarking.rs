//! Extrinsics and inherent data for `dex-node benchmark extrinsic` and `benchmark overhead`.

use std::{sync::Arc, time::Duration};

use dex_runtime::{AccountId, Balance, BalancesCall, SystemCall};
use frame_benchmarking_cli::ExtrinsicBuilder;
use sc_cli::Result;
use sp_core::{Encode, Pair};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic, OpaqueExtrinsic, SaturatedConversion};

use crate::service::FullClient;

/// Builds `System::remark` extrinsics signed by Alice.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	/// A builder on top of the client's best block.
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call = SystemCall::remark { remark: vec![] }.into();
		Ok(signed_extrinsic(&self.client, Sr25519Keyring::Alice.pair(), call, nonce).into())
	}
}

/// Builds `Balances::transfer_keep_alive` extrinsics from Alice to `dest`.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: AccountId,
	value: Balance,
}

impl TransferKeepAliveBuilder {
	/// A builder of transfers of `value` to `dest`.
	pub fn new(client: Arc<FullClient>, dest: AccountId, value: Balance) -> Self {
		Self { client, dest, value }
	}
}

impl ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call =
			BalancesCall::transfer_keep_alive { dest: self.dest.clone().into(), value: self.value }
				.into();
		Ok(signed_extrinsic(&self.client, Sr25519Keyring::Alice.pair(), call, nonce).into())
	}
}

/// A transaction signed by `sender`, valid on the client's best block for 256 blocks.
pub fn signed_extrinsic(
	client: &FullClient,
	sender: sp_core::sr25519::Pair,
	call: dex_runtime::RuntimeCall,
	nonce: u32,
) -> dex_runtime::UncheckedExtrinsic {
	let genesis_hash = client.chain_info().genesis_hash;
	let best_hash = client.chain_info().best_hash;
	let best_block = client.chain_info().best_number;

	let period = dex_runtime::configs::BlockHashCount::get()
		.checked_next_power_of_two()
		.map(|c| c / 2)
		.unwrap_or(2) as u64;
	let tx_ext: dex_runtime::TxExtension = (
		frame_system::CheckNonZeroSender::<dex_runtime::Runtime>::new(),
		frame_system::CheckSpecVersion::<dex_runtime::Runtime>::new(),
		frame_system::CheckTxVersion::<dex_runtime::Runtime>::new(),
		frame_system::CheckGenesis::<dex_runtime::Runtime>::new(),
		frame_system::CheckEra::<dex_runtime::Runtime>::from(generic::Era::mortal(
			period,
			best_block.saturated_into(),
		)),
		frame_system::CheckNonce::<dex_runtime::Runtime>::from(nonce),
		frame_system::CheckWeight::<dex_runtime::Runtime>::new(),
		pallet_asset_conversion_tx_payment::ChargeAssetTxPayment::<dex_runtime::Runtime>::from(
			0, None,
		),
		frame_system::WeightReclaim::<dex_runtime::Runtime>::new(),
	);

	let raw_payload = dex_runtime::SignedPayload::from_raw(
		call.clone(),
		tx_ext.clone(),
		(
			(),
			dex_runtime::VERSION.spec_version,
			dex_runtime::VERSION.transaction_version,
			genesis_hash,
			best_hash,
			(),
			(),
			(),
			(),
		),
	);
	let signature = raw_payload.using_encoded(|e| sender.sign(e));

	dex_runtime::UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::AccountId32::from(sender.public()).into(),
		dex_runtime::Signature::Sr25519(signature),
		tx_ext,
	)
}

/// Inherent data for benchmark blocks: just a timestamp.
pub fn inherent_benchmark_data() -> Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let d = Duration::from_millis(0);
	let timestamp = sp_timestamp::InherentDataProvider::new(d.into());

	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
