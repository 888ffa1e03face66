//! Fees paid in an asset: `ChargeAssetTxPayment` swaps the asset through the AMM's pool with the
//! native token for exactly the native fee, and swaps an overcharge back.

use dex_runtime::{
	configs::AssetKind, genesis_config_presets::demo, units::UNIT, AccountId, Amm, Assets,
	Balances, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System, TransactionPayment,
};
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
};
use pallet_asset_conversion_tx_payment::ChargeAssetTxPayment;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{
	DispatchTransaction, ExtensionPostDispatchWeightHandler as _, TransactionExtension,
};

const LEN: usize = 120;

fn usdt() -> AssetKind {
	NativeOrWithId::WithId(demo::USDT.id)
}

fn usdt_of(who: &AccountId) -> u128 {
	<Assets as Inspect<AccountId>>::balance(demo::USDT.id, who)
}

/// What the runtime reported about the fee payment.
fn fee_paid_event() -> Option<(u128, AssetKind)> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::AssetTxPayment(
			pallet_asset_conversion_tx_payment::Event::AssetTxFeePaid {
				actual_fee, asset_id, ..
			},
		) => Some((actual_fee, asset_id)),
		_ => None,
	})
}

/// The DEX/USDT pool's reserves: `(DEX, USDT)`.
fn reserves() -> (u128, u128) {
	Amm::pool(NativeOrWithId::Native, usdt()).expect("the DEX/USDT pool").reserves
}

/// Runs a transfer from Charlie to Dave through the fee extension with its fee in USDT, the
/// dispatch using `1/divisor` of its weight. Returns the quoted USDT cost of the fee charged up
/// front, the USDT the account lost, and the native fee finally due.
fn transfer_paying_usdt(divisor: u64) -> (u128, u128, u128) {
	let (charlie, dave) =
		(Sr25519Keyring::Charlie.to_account_id(), Sr25519Keyring::Dave.to_account_id());
	let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: dave.into(),
		value: UNIT,
	});
	let ext = ChargeAssetTxPayment::<Runtime>::from(0, Some(usdt()));
	let mut info = call.get_dispatch_info();
	info.extension_weight = TransactionExtension::weight(&ext, &call);
	let fee = TransactionPayment::compute_fee(LEN as u32, &info, 0);
	let quoted = Amm::quote_exact_out(&[usdt(), NativeOrWithId::Native], fee)
		.expect("the DEX/USDT pool quotes")
		.amount_in;
	let post = PostDispatchInfo {
		actual_weight: Some(info.call_weight / divisor),
		pays_fee: Default::default(),
	};
	// The fee due counts the extensions' weight on top of the call's actual weight, as dispatch
	// does before the extensions' post-dispatch.
	let mut charged = post;
	charged.set_extension_weight(&info);
	let due = TransactionPayment::compute_actual_fee(LEN as u32, &info, &charged, 0);
	let before = usdt_of(&charlie);
	ext.test_run(RuntimeOrigin::signed(charlie.clone()), &call, &info, LEN, 0, |_| Ok(post))
		.expect("the fee is paid")
		.expect("the call succeeds");
	(quoted, before - usdt_of(&charlie), due)
}

#[test]
fn a_fee_in_usdt_costs_the_quoted_swap() {
	crate::dev_genesis::with_preset(DEV_RUNTIME_PRESET, || {
		System::set_block_number(1);
		let (issuance, pool) = (Balances::total_issuance(), reserves());
		let (quoted, charged, due) = transfer_paying_usdt(1);
		assert_eq!(charged, quoted, "the USDT charged is the exact-output quote of the fee");
		assert_eq!(fee_paid_event(), Some((quoted, usdt())));
		// The pool sold exactly the fee for exactly the USDT charged; the fee was burned, as a
		// native fee is.
		assert_eq!(reserves(), (pool.0 - due, pool.1 + charged));
		assert_eq!(issuance - Balances::total_issuance(), due);
	})
}

#[test]
fn an_overcharged_fee_in_usdt_is_swapped_back() {
	crate::dev_genesis::with_preset(DEV_RUNTIME_PRESET, || {
		System::set_block_number(1);
		let (issuance, pool) = (Balances::total_issuance(), reserves());
		// The call uses a quarter of its declared weight, so part of the fee is refunded.
		let (quoted, charged, due) = transfer_paying_usdt(4);
		assert!(charged < quoted, "part of the USDT came back");
		assert_eq!(fee_paid_event(), Some((charged, usdt())));
		// Net of the refund swapped back, the pool sold the fee due for the USDT kept, and only
		// the fee due was burned.
		assert_eq!(reserves(), (pool.0 - due, pool.1 + charged));
		assert_eq!(issuance - Balances::total_issuance(), due);
		// The refund's swap paid the pool's fee: the account paid more than the fee due is
		// worth at the pool's price before the transaction.
		assert!(charged * pool.0 > due * pool.1);
	})
}
