//! The bad-input matrix: every call with each kind of bad input fails and changes nothing.

use super::*;
use crate::ProtocolFeeConfig;
use dex_test_utils::{BadInputMatrix, Row};
use sp_arithmetic::Permill;

/// The bad-input matrix of `docs/RELIABILITY.md`: every call with each kind of bad input, the
/// error it returns, and an unchanged state root. `cargo test -p pallet-amm bad_input_matrix --
/// --nocapture` prints the table.
#[test]
fn bad_input_matrix() {
	type Call = Box<dyn Fn() -> sp_runtime::DispatchResult>;
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		pool_with(USDT, ETH, 1_000_000, 1_000_000);
		System::set_block_number(10);
		let signed = || RuntimeOrigin::signed(ALICE);
		let out = math::amount_out(10_000, 1_000_000, 4_000_000, 30).unwrap();
		let cost = math::amount_in(out, 1_000_000, 4_000_000, 30).unwrap();
		let lp = lp_balance(ALICE, NATIVE, USDT);
		let tiers = |v: Vec<u32>| -> frame_support::BoundedVec<u32, _> { v.try_into().unwrap() };
		let swap_in =
			|path: Vec<AssetKind>, amount: u128, min: u128, deadline: Option<u64>| -> Call {
				Box::new(move || {
					Amm::swap_exact_in(signed(), path.clone(), amount, min, ALICE, true, deadline)
				})
			};
		let swap_out =
			|path: Vec<AssetKind>, amount: u128, max: u128, deadline: Option<u64>| -> Call {
				Box::new(move || {
					Amm::swap_exact_out(signed(), path.clone(), amount, max, ALICE, true, deadline)
				})
			};
		let add =
			|a: AssetKind, b: AssetKind, x: u128, y: u128, min: (u128, u128), deadline| -> Call {
				Box::new(move || {
					Amm::add_liquidity(
						signed(),
						a.clone(),
						b.clone(),
						x,
						y,
						min.0,
						min.1,
						ALICE,
						deadline,
					)
				})
			};
		let remove =
			|a: AssetKind, b: AssetKind, amount: u128, min: (u128, u128), deadline| -> Call {
				Box::new(move || {
					Amm::remove_liquidity(
						signed(),
						a.clone(),
						b.clone(),
						amount,
						min.0,
						min.1,
						ALICE,
						deadline,
					)
				})
			};
		let unknown = NativeOrWithId::WithId(99);
		let rows = vec![
			Row::new(
				"create_pool",
				"unsigned origin",
				|| Amm::create_pool(RuntimeOrigin::none(), NATIVE, DOT, None),
				DispatchError::BadOrigin,
			),
			Row::new(
				"create_pool",
				"the same asset twice",
				move || Amm::create_pool(signed(), DOT, DOT, None),
				Error::<Test>::IdenticalAssets,
			),
			Row::new(
				"create_pool",
				"unknown asset id",
				move || Amm::create_pool(signed(), NATIVE, NativeOrWithId::WithId(99), None),
				Error::<Test>::UnknownAsset,
			),
			Row::new(
				"create_pool",
				"existing pool (assets in either order)",
				move || Amm::create_pool(signed(), USDT, NATIVE, None),
				Error::<Test>::PoolExists,
			),
			Row::new(
				"create_pool",
				"fee tier not allowed (u32::MAX)",
				move || Amm::create_pool(signed(), NATIVE, DOT, Some(u32::MAX)),
				Error::<Test>::FeeTierNotAllowed,
			),
			Row::new(
				"create_pool",
				"creator cannot pay the setup fee",
				|| Amm::create_pool(RuntimeOrigin::signed(99), NATIVE, DOT, None),
				TokenError::FundsUnavailable,
			),
			Row::new(
				"add_liquidity",
				"unsigned origin",
				|| {
					Amm::add_liquidity(
						RuntimeOrigin::none(),
						NATIVE,
						USDT,
						1_000,
						1_000,
						0,
						0,
						ALICE,
						None,
					)
				},
				DispatchError::BadOrigin,
			),
			Row::new(
				"add_liquidity",
				"unknown pool",
				add(NATIVE, DOT, 10_000, 10_000, (0, 0), None),
				Error::<Test>::PoolNotFound,
			),
			Row::new(
				"add_liquidity",
				"unknown asset id",
				add(NATIVE, unknown.clone(), 10_000, 10_000, (0, 0), None),
				Error::<Test>::PoolNotFound,
			),
			Row::new(
				"add_liquidity",
				"zero amount",
				add(NATIVE, USDT, 0, 10_000, (0, 0), None),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"add_liquidity",
				"u128::MAX amounts",
				add(NATIVE, USDT, u128::MAX, u128::MAX, (0, 0), None),
				Error::<Test>::Overflow,
			),
			Row::new(
				"add_liquidity",
				"expired deadline",
				add(NATIVE, USDT, 10_000, 40_000, (0, 0), Some(9)),
				Error::<Test>::DeadlinePassed,
			),
			Row::new(
				"add_liquidity",
				"minimum one past what the ratio takes",
				add(NATIVE, USDT, 1_000, 8_000, (0, 4_001), None),
				Error::<Test>::DepositBelowMinimum,
			),
			Row::new(
				"add_liquidity",
				"deposit worth less than one LP token",
				add(NATIVE, USDT, 1, 3, (0, 0), None),
				Error::<Test>::ZeroLpMinted,
			),
			Row::new(
				"add_liquidity",
				"the same asset twice",
				add(USDT, USDT, 10_000, 10_000, (0, 0), None),
				Error::<Test>::IdenticalAssets,
			),
			Row::new(
				"add_liquidity",
				"zero second amount",
				add(NATIVE, USDT, 10_000, 0, (0, 0), None),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"add_liquidity",
				"first minimum one past what the ratio takes",
				add(NATIVE, USDT, 8_000, 1_000, (251, 0), None),
				Error::<Test>::DepositBelowMinimum,
			),
			Row::new(
				"remove_liquidity",
				"unsigned origin",
				|| Amm::remove_liquidity(RuntimeOrigin::none(), NATIVE, USDT, 1, 0, 0, ALICE, None),
				DispatchError::BadOrigin,
			),
			Row::new(
				"remove_liquidity",
				"unknown pool",
				remove(NATIVE, DOT, 1_000, (0, 0), None),
				Error::<Test>::PoolNotFound,
			),
			Row::new(
				"remove_liquidity",
				"zero LP tokens",
				remove(NATIVE, USDT, 0, (0, 0), None),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"remove_liquidity",
				"u128::MAX LP tokens",
				remove(NATIVE, USDT, u128::MAX, (0, 0), None),
				Error::<Test>::InsufficientLpTokens,
			),
			Row::new(
				"remove_liquidity",
				"expired deadline",
				remove(NATIVE, USDT, 1_000, (0, 0), Some(9)),
				Error::<Test>::DeadlinePassed,
			),
			Row::new(
				"remove_liquidity",
				"minimum one past the pro-rata amount",
				remove(NATIVE, USDT, lp / 2, (1_000_000 * (lp / 2) / (lp + 1_000) + 1, 0), None),
				Error::<Test>::WithdrawalBelowMinimum,
			),
			Row::new(
				"remove_liquidity",
				"second minimum one past the pro-rata amount",
				remove(NATIVE, USDT, lp / 2, (0, 4_000_000 * (lp / 2) / (lp + 1_000) + 1), None),
				Error::<Test>::WithdrawalBelowMinimum,
			),
			Row::new(
				"remove_liquidity",
				"the same asset twice",
				remove(USDT, USDT, 1_000, (0, 0), None),
				Error::<Test>::IdenticalAssets,
			),
			Row::new(
				"swap_exact_in",
				"unsigned origin",
				|| {
					Amm::swap_exact_in(
						RuntimeOrigin::none(),
						vec![NATIVE, USDT],
						10_000,
						0,
						ALICE,
						true,
						None,
					)
				},
				DispatchError::BadOrigin,
			),
			Row::new(
				"swap_exact_in",
				"zero amount",
				swap_in(vec![NATIVE, USDT], 0, 0, None),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"swap_exact_in",
				"u128::MAX amount",
				swap_in(vec![NATIVE, USDT], u128::MAX, 0, None),
				TokenError::FundsUnavailable,
			),
			Row::new(
				"swap_exact_in",
				"path of one asset",
				swap_in(vec![NATIVE], 10_000, 0, None),
				Error::<Test>::InvalidPathLength,
			),
			Row::new(
				"swap_exact_in",
				"path longer than the limit (5 assets)",
				swap_in(vec![NATIVE, USDT, ETH, USDT, NATIVE], 10_000, 0, None),
				Error::<Test>::InvalidPathLength,
			),
			Row::new(
				"swap_exact_in",
				"duplicate path entry (same asset twice in a row)",
				swap_in(vec![NATIVE, NATIVE], 10_000, 0, None),
				Error::<Test>::IdenticalAssets,
			),
			Row::new(
				"swap_exact_in",
				"path through the same pool twice",
				swap_in(vec![NATIVE, USDT, NATIVE], 10_000, 0, None),
				Error::<Test>::PathRepeatsPool,
			),
			Row::new(
				"swap_exact_in",
				"unknown asset id",
				swap_in(vec![NATIVE, unknown.clone()], 10_000, 0, None),
				Error::<Test>::PoolNotFound,
			),
			Row::new(
				"swap_exact_in",
				"expired deadline",
				swap_in(vec![NATIVE, USDT], 10_000, 0, Some(9)),
				Error::<Test>::DeadlinePassed,
			),
			Row::new(
				"swap_exact_in",
				"minimum output one past the quote",
				swap_in(vec![NATIVE, USDT], 10_000, out + 1, None),
				Error::<Test>::AmountOutTooLow,
			),
			Row::new(
				"swap_exact_out",
				"unsigned origin",
				|| {
					Amm::swap_exact_out(
						RuntimeOrigin::none(),
						vec![NATIVE, USDT],
						10_000,
						u128::MAX,
						ALICE,
						true,
						None,
					)
				},
				DispatchError::BadOrigin,
			),
			Row::new(
				"swap_exact_out",
				"zero amount",
				swap_out(vec![NATIVE, USDT], 0, u128::MAX, None),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"swap_exact_out",
				"u128::MAX amount (more than the reserve)",
				swap_out(vec![NATIVE, USDT], u128::MAX, u128::MAX, None),
				Error::<Test>::InsufficientLiquidity,
			),
			Row::new(
				"swap_exact_out",
				"path longer than the limit (5 assets)",
				swap_out(vec![NATIVE, USDT, ETH, USDT, NATIVE], 10_000, u128::MAX, None),
				Error::<Test>::InvalidPathLength,
			),
			Row::new(
				"swap_exact_out",
				"duplicate path entry",
				swap_out(vec![USDT, USDT], 10_000, u128::MAX, None),
				Error::<Test>::IdenticalAssets,
			),
			Row::new(
				"swap_exact_out",
				"unknown asset id",
				swap_out(vec![unknown, USDT], 10_000, u128::MAX, None),
				Error::<Test>::PoolNotFound,
			),
			Row::new(
				"swap_exact_out",
				"expired deadline",
				swap_out(vec![NATIVE, USDT], 10_000, u128::MAX, Some(9)),
				Error::<Test>::DeadlinePassed,
			),
			Row::new(
				"swap_exact_out",
				"maximum input one below the quote",
				swap_out(vec![NATIVE, USDT], out, cost - 1, None),
				Error::<Test>::AmountInTooHigh,
			),
			Row::new(
				"swap_exact_out",
				"input needed beyond the payer's balance",
				|| {
					Amm::swap_exact_out(
						RuntimeOrigin::signed(99),
						vec![NATIVE, USDT],
						10_000,
						u128::MAX,
						99,
						false,
						None,
					)
				},
				TokenError::FundsUnavailable,
			),
			Row::new(
				"set_fee_tiers",
				"signed origin",
				move || Amm::set_fee_tiers(signed(), tiers(vec![30])),
				DispatchError::BadOrigin,
			),
			Row::new(
				"set_fee_tiers",
				"no tiers",
				move || Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![])),
				Error::<Test>::InvalidFeeTiers,
			),
			Row::new(
				"set_fee_tiers",
				"duplicate tier",
				move || Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 30])),
				Error::<Test>::InvalidFeeTiers,
			),
			Row::new(
				"set_fee_tiers",
				"tier of 100% or more",
				move || Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 10_000])),
				Error::<Test>::InvalidFeeTiers,
			),
			Row::new(
				"set_fee_tiers",
				"without the default tier",
				move || Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![5])),
				Error::<Test>::DefaultFeeTierNotAllowed,
			),
			Row::new(
				"set_protocol_fee",
				"signed origin",
				move || Amm::set_protocol_fee(signed(), None),
				DispatchError::BadOrigin,
			),
			Row::new(
				"set_protocol_fee",
				"zero share",
				|| {
					Amm::set_protocol_fee(
						RuntimeOrigin::root(),
						Some(ProtocolFeeConfig { receiver: BOB, share: Permill::zero() }),
					)
				},
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"lock_lp_tokens",
				"unsigned origin",
				|| Amm::lock_lp_tokens(RuntimeOrigin::none(), NATIVE, USDT, 1, 20),
				DispatchError::BadOrigin,
			),
			Row::new(
				"lock_lp_tokens",
				"no such pool",
				move || Amm::lock_lp_tokens(signed(), NATIVE, DOT, 1, 20),
				Error::<Test>::PoolNotFound,
			),
			Row::new(
				"lock_lp_tokens",
				"ends at the current block",
				move || Amm::lock_lp_tokens(signed(), NATIVE, USDT, 1, 10),
				Error::<Test>::LockEndsInThePast,
			),
			Row::new(
				"lock_lp_tokens",
				"zero amount, no lock to extend",
				move || Amm::lock_lp_tokens(signed(), NATIVE, USDT, 0, 20),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"lock_lp_tokens",
				"more than the account holds",
				move || Amm::lock_lp_tokens(signed(), NATIVE, USDT, lp + 1, 20),
				Error::<Test>::InsufficientLpTokens,
			),
			Row::new(
				"lock_lp_tokens",
				"the same asset twice",
				move || Amm::lock_lp_tokens(signed(), USDT, USDT, 1, 20),
				Error::<Test>::IdenticalAssets,
			),
			Row::new(
				"unlock_lp_tokens",
				"unsigned origin",
				|| Amm::unlock_lp_tokens(RuntimeOrigin::none(), NATIVE, USDT),
				DispatchError::BadOrigin,
			),
			Row::new(
				"unlock_lp_tokens",
				"the same asset twice",
				move || Amm::unlock_lp_tokens(signed(), USDT, USDT),
				Error::<Test>::IdenticalAssets,
			),
			Row::new(
				"unlock_lp_tokens",
				"no lock",
				move || Amm::unlock_lp_tokens(signed(), NATIVE, USDT),
				Error::<Test>::NoLock,
			),
			Row::new(
				"set_price_oracle",
				"signed origin",
				move || Amm::set_price_oracle(signed(), NATIVE, USDT, false),
				DispatchError::BadOrigin,
			),
			Row::new(
				"set_price_oracle",
				"no such pool",
				|| Amm::set_price_oracle(RuntimeOrigin::root(), NATIVE, DOT, true),
				Error::<Test>::PoolNotFound,
			),
			Row::new(
				"set_price_oracle",
				"the same asset twice",
				|| Amm::set_price_oracle(RuntimeOrigin::root(), ETH, ETH, true),
				Error::<Test>::IdenticalAssets,
			),
			Row::new(
				"set_price_oracle",
				"start an oracle that runs",
				|| Amm::set_price_oracle(RuntimeOrigin::root(), NATIVE, USDT, true),
				Error::<Test>::OracleAlreadyStarted,
			),
		];
		let mut matrix = BadInputMatrix::new("amm", "Amm");
		matrix.check_all(rows);
		matrix.finish();
	})
}
