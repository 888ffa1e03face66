//! The bad-input matrix: every call with each kind of bad input fails with the expected error and
//! changes nothing.

use super::*;
use dex_test_utils::{BadInputMatrix, Row};

/// The bad-input matrix of `docs/RELIABILITY.md`: every call with each kind of bad input, the
/// error it returns, and no change to storage. `cargo test -p pallet-liquidity-mining
/// bad_input_matrix -- --nocapture` prints the table.
#[test]
fn bad_input_matrix() {
	type Call = Box<dyn Fn() -> sp_runtime::DispatchResult>;
	test(|| {
		run_to_block(10);
		let farm = create_farm(10, 10, 100, u128::MAX);
		let ended = create_farm(10, 10, 12, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(20);
		let full = |n: u64| {
			// Fills the LP token's farm slots (3 in the mock) with farms ending at block `n`.
			move || LiquidityMining::create_farm(RuntimeOrigin::root(), LP, NATIVE, 1, 20, n, 100)
		};
		let root = RuntimeOrigin::root;
		let signed = |who: AccountId| RuntimeOrigin::signed(who);
		let create = |lp: u32, reward: AssetKind, rate: u128, start: u64, end: u64| -> Call {
			Box::new(move || {
				LiquidityMining::create_farm(root(), lp, reward.clone(), rate, start, end, 1_000)
			})
		};
		let rows = vec![
			Row::new(
				"create_farm",
				"signed origin",
				move || LiquidityMining::create_farm(signed(ALICE), LP, NATIVE, 10, 20, 30, 1_000),
				DispatchError::BadOrigin,
			),
			Row::new(
				"create_farm",
				"unknown LP token",
				create(99, NATIVE, 10, 20, 30),
				Error::<Test>::UnknownLpToken,
			),
			Row::new(
				"create_farm",
				"unknown reward asset",
				create(LP, NativeOrWithId::WithId(99), 10, 20, 30),
				Error::<Test>::UnknownRewardAsset,
			),
			Row::new(
				"create_farm",
				"zero rate",
				create(LP, NATIVE, 0, 20, 30),
				Error::<Test>::ZeroReward,
			),
			Row::new(
				"create_farm",
				"start in the past",
				create(LP, NATIVE, 10, 19, 30),
				Error::<Test>::InvalidSchedule,
			),
			Row::new(
				"create_farm",
				"end not after start",
				create(LP, NATIVE, 10, 30, 30),
				Error::<Test>::InvalidSchedule,
			),
			Row::new(
				"create_farm",
				"zero cap",
				move || LiquidityMining::create_farm(root(), LP, NATIVE, 10, 20, 30, 0),
				Error::<Test>::ZeroReward,
			),
			Row::new(
				"stake",
				"unsigned origin",
				move || LiquidityMining::stake(RuntimeOrigin::none(), farm, 10),
				DispatchError::BadOrigin,
			),
			Row::new(
				"stake",
				"unknown farm",
				|| LiquidityMining::stake(RuntimeOrigin::signed(BOB), 99, 10),
				Error::<Test>::FarmNotFound,
			),
			Row::new(
				"stake",
				"zero amount",
				move || LiquidityMining::stake(signed(BOB), farm, 0),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"stake",
				"u128::MAX (more than held)",
				move || LiquidityMining::stake(signed(BOB), farm, u128::MAX),
				TokenError::FundsUnavailable,
			),
			Row::new(
				"unstake",
				"unsigned origin",
				move || LiquidityMining::unstake(RuntimeOrigin::none(), farm, 10),
				DispatchError::BadOrigin,
			),
			Row::new(
				"unstake",
				"unknown farm",
				|| LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), 99, 10),
				Error::<Test>::FarmNotFound,
			),
			Row::new(
				"unstake",
				"zero amount",
				move || LiquidityMining::unstake(signed(ALICE), farm, 0),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"unstake",
				"no stake in the farm",
				move || LiquidityMining::unstake(signed(BOB), farm, 10),
				Error::<Test>::NoStake,
			),
			Row::new(
				"unstake",
				"one more than staked",
				move || LiquidityMining::unstake(signed(ALICE), farm, 101),
				Error::<Test>::InsufficientStake,
			),
			Row::new(
				"unstake",
				"u128::MAX",
				move || LiquidityMining::unstake(signed(ALICE), farm, u128::MAX),
				Error::<Test>::InsufficientStake,
			),
			Row::new(
				"claim",
				"unsigned origin",
				move || LiquidityMining::claim(RuntimeOrigin::none(), farm, None),
				DispatchError::BadOrigin,
			),
			Row::new(
				"claim",
				"unknown farm",
				|| LiquidityMining::claim(RuntimeOrigin::signed(ALICE), 99, None),
				Error::<Test>::FarmNotFound,
			),
			Row::new(
				"claim",
				"no stake in the farm",
				move || LiquidityMining::claim(signed(BOB), farm, None),
				Error::<Test>::NoStake,
			),
			Row::new(
				"emergency_withdraw",
				"unsigned origin",
				move || LiquidityMining::emergency_withdraw(RuntimeOrigin::none(), farm),
				DispatchError::BadOrigin,
			),
			Row::new(
				"emergency_withdraw",
				"unknown farm",
				|| LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(ALICE), 99),
				Error::<Test>::FarmNotFound,
			),
			Row::new(
				"emergency_withdraw",
				"no stake in the farm",
				move || LiquidityMining::emergency_withdraw(signed(BOB), farm),
				Error::<Test>::NoStake,
			),
			Row::new(
				"add_liquidity_and_stake",
				"unsigned origin",
				move || {
					LiquidityMining::add_liquidity_and_stake(
						RuntimeOrigin::none(),
						farm,
						10,
						10,
						0,
						0,
					)
				},
				DispatchError::BadOrigin,
			),
			Row::new(
				"add_liquidity_and_stake",
				"unknown farm",
				|| {
					LiquidityMining::add_liquidity_and_stake(
						RuntimeOrigin::signed(BOB),
						99,
						10,
						10,
						0,
						0,
					)
				},
				Error::<Test>::FarmNotFound,
			),
			Row::new(
				"add_liquidity_and_stake",
				"zero amount",
				move || LiquidityMining::add_liquidity_and_stake(signed(BOB), farm, 0, 10, 0, 0),
				Error::<Test>::ZeroAmount,
			),
			Row::new(
				"add_liquidity_and_stake",
				"u128::MAX (more than held)",
				move || {
					LiquidityMining::add_liquidity_and_stake(signed(BOB), farm, 10, u128::MAX, 0, 0)
				},
				TokenError::FundsUnavailable,
			),
			Row::new(
				"set_farm_rate",
				"signed origin",
				move || LiquidityMining::set_farm_rate(signed(ALICE), farm, 5),
				DispatchError::BadOrigin,
			),
			Row::new(
				"set_farm_rate",
				"unknown farm",
				move || LiquidityMining::set_farm_rate(root(), 99, 5),
				Error::<Test>::FarmNotFound,
			),
			Row::new(
				"set_farm_rate",
				"zero rate",
				move || LiquidityMining::set_farm_rate(root(), farm, 0),
				Error::<Test>::ZeroReward,
			),
			Row::new(
				"set_farm_rate",
				"ended farm",
				move || LiquidityMining::set_farm_rate(root(), ended, 5),
				Error::<Test>::FarmEnded,
			),
			Row::new(
				"extend_farm",
				"signed origin",
				move || LiquidityMining::extend_farm(signed(ALICE), farm, 200),
				DispatchError::BadOrigin,
			),
			Row::new(
				"extend_farm",
				"unknown farm",
				move || LiquidityMining::extend_farm(root(), 99, 200),
				Error::<Test>::FarmNotFound,
			),
			Row::new(
				"extend_farm",
				"end not later than the current one",
				move || LiquidityMining::extend_farm(root(), farm, 100),
				Error::<Test>::InvalidSchedule,
			),
			Row::new(
				"extend_farm",
				"ended farm",
				move || LiquidityMining::extend_farm(root(), ended, 200),
				Error::<Test>::FarmEnded,
			),
			Row::new(
				"end_farm",
				"signed origin",
				move || LiquidityMining::end_farm(signed(ALICE), farm),
				DispatchError::BadOrigin,
			),
			Row::new(
				"end_farm",
				"unknown farm",
				move || LiquidityMining::end_farm(root(), 99),
				Error::<Test>::FarmNotFound,
			),
			Row::new(
				"end_farm",
				"ended farm",
				move || LiquidityMining::end_farm(root(), ended),
				Error::<Test>::FarmEnded,
			),
		];
		let mut matrix = BadInputMatrix::new("liquidity_mining", "LiquidityMining");
		matrix.check_all(rows);
		// The LP token's farm slots (3) are full after three more farms (the ended farm, with
		// nothing staked, left its slot); one more is refused.
		assert_ok!(full(40)());
		assert_ok!(full(45)());
		matrix.check(Row::new(
			"create_farm",
			"LP token already has the most farms",
			full(50),
			Error::<Test>::TooManyFarms,
		));
		matrix.finish();
	})
}
