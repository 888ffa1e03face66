//! Unit and property tests of the liquidity mining pallet against the mock runtime.

use crate::{mock::*, EndReason, Error, Event, FarmEndings, Farms, FarmsByLpToken, Stakes};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Inspect, Hooks},
};
use sp_runtime::{DispatchError, TokenError};

const NATIVE: AssetKind = NativeOrWithId::Native;
const REWARD_ASSET: AssetKind = NativeOrWithId::WithId(REWARD);

fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		LiquidityMining::on_initialize(next);
	}
}

fn create_farm(rate: u128, start: u64, end: u64, cap: u128) -> u32 {
	let id = crate::NextFarmId::<Test>::get();
	assert_ok!(LiquidityMining::create_farm(
		RuntimeOrigin::root(),
		LP,
		NATIVE,
		rate,
		start,
		end,
		cap
	));
	id
}

fn stake(who: AccountId, farm: u32, amount: u128) {
	assert_ok!(LiquidityMining::stake(RuntimeOrigin::signed(who), farm, amount));
}

fn pending(farm: u32, who: AccountId) -> u128 {
	LiquidityMining::pending_rewards(farm, &who).unwrap_or_default()
}

fn native(who: AccountId) -> u128 {
	Balances::free_balance(who)
}

fn lp(who: AccountId) -> u128 {
	<LpTokens as Inspect<AccountId>>::balance(LP, &who)
}

fn test<R>(f: impl FnOnce() -> R) -> R {
	new_test_ext().execute_with(|| {
		let result = f();
		LiquidityMining::do_try_state().expect("invariants hold after the test");
		result
	})
}

#[test]
fn create_farm_works() {
	test(|| {
		let id = create_farm(10, 5, 100, 1_000_000);
		let farm = Farms::<Test>::get(id).unwrap();
		assert_eq!(
			(farm.rate, farm.start, farm.end, farm.max_total_rewards),
			(10, 5, 100, 1_000_000)
		);
		assert_eq!(FarmsByLpToken::<Test>::get(LP).into_inner(), vec![id]);
		assert_eq!(FarmEndings::<Test>::get(100).into_inner(), vec![id]);
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmCreated {
			farm_id: id,
			lp_token: LP,
			reward_asset: NATIVE,
			reward_per_block: 10,
			start_block: 5,
			end_block: 100,
			max_total_rewards: 1_000_000,
		}));
		// A cap reached before the end block schedules the end earlier: 55 / 10 → block 11.
		let capped = create_farm(10, 5, 100, 55);
		assert_eq!(FarmEndings::<Test>::get(11).into_inner(), vec![capped]);
	})
}

#[test]
fn create_farm_errors() {
	test(|| {
		let root = RuntimeOrigin::root();
		assert_noop!(
			LiquidityMining::create_farm(
				RuntimeOrigin::signed(ALICE),
				LP,
				NATIVE,
				10,
				5,
				100,
				1_000
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), 99, NATIVE, 10, 5, 100, 1_000),
			Error::<Test>::UnknownLpToken
		);
		assert_noop!(
			LiquidityMining::create_farm(
				root.clone(),
				LP,
				NativeOrWithId::WithId(99),
				10,
				5,
				100,
				1_000
			),
			Error::<Test>::UnknownRewardAsset
		);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 0, 5, 100, 1_000),
			Error::<Test>::ZeroReward
		);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 10, 5, 100, 0),
			Error::<Test>::ZeroReward
		);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 10, 5, 5, 1_000),
			Error::<Test>::InvalidSchedule
		);
		run_to_block(10);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 10, 9, 100, 1_000),
			Error::<Test>::InvalidSchedule
		);
		for _ in 0..3 {
			create_farm(10, 10, 100, 1_000);
		}
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 10, 10, 100, 1_000),
			Error::<Test>::TooManyFarms
		);
		// Three farms end at block 100; a fourth (of another LP token) fills the block's slots.
		assert_ok!(LiquidityMining::create_farm(root.clone(), 2, NATIVE, 10, 10, 100, 1_000_000));
		assert_noop!(
			LiquidityMining::create_farm(root, 2, NATIVE, 10, 10, 100, 1_000_000),
			Error::<Test>::TooManyEndingsInBlock
		);
	})
}

#[test]
fn rewards_split_by_stake_and_time() {
	test(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		stake(ALICE, farm, 100);
		assert_eq!(lp(ALICE), LP_FUNDS - 100);
		assert_eq!(lp(LiquidityMining::account_id()), 100);
		run_to_block(5);
		// Blocks 1..5 went to Alice alone.
		assert_eq!(pending(farm, ALICE), 40);
		stake(BOB, farm, 300);
		run_to_block(11);
		// Blocks 5..11 split 1:3.
		assert_eq!(pending(farm, ALICE), 40 + 15);
		assert_eq!(pending(farm, BOB), 45);
		System::assert_has_event(RuntimeEvent::LiquidityMining(Event::Staked {
			farm_id: farm,
			who: BOB,
			amount: 300,
			stake: 300,
			total_staked: 400,
		}));
	})
}

#[test]
fn claim_mints_to_beneficiary() {
	test(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(4);
		let before = native(CHARLIE);
		let issuance = Balances::total_issuance();
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, Some(CHARLIE)));
		assert_eq!(native(CHARLIE) - before, 30);
		assert_eq!(Balances::total_issuance() - issuance, 30);
		assert_eq!(pending(farm, ALICE), 0);
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::Claimed {
			farm_id: farm,
			who: ALICE,
			beneficiary: CHARLIE,
			reward_asset: NATIVE,
			amount: 30,
		}));
		assert_noop!(
			LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			LiquidityMining::claim(RuntimeOrigin::signed(BOB), farm, None),
			Error::<Test>::NoStake
		);
		assert_noop!(
			LiquidityMining::claim(RuntimeOrigin::signed(ALICE), 42, None),
			Error::<Test>::FarmNotFound
		);
		run_to_block(6);
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		assert_eq!(Farms::<Test>::get(farm).unwrap().claimed, 50);
	})
}

#[test]
fn asset_rewards_are_minted() {
	test(|| {
		assert_ok!(LiquidityMining::create_farm(
			RuntimeOrigin::root(),
			LP,
			REWARD_ASSET,
			7,
			1,
			100,
			1_000
		));
		stake(CHARLIE, 0, 10);
		run_to_block(3);
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(CHARLIE), 0, None));
		assert_eq!(<Assets as Inspect<AccountId>>::balance(REWARD, &CHARLIE), 14);
	})
}

#[test]
fn unstake_returns_lp_and_keeps_rewards() {
	test(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(3);
		assert_ok!(LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 40));
		assert_eq!(lp(ALICE), LP_FUNDS - 60);
		run_to_block(5);
		// Blocks 3..5 give 20 / 60 per LP token: 19.99.. units for 60 LP tokens, the fraction is
		// carried to the next settlement.
		assert_eq!(pending(farm, ALICE), 39);
		assert_noop!(
			LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 61),
			Error::<Test>::InsufficientStake
		);
		assert_noop!(
			LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			LiquidityMining::unstake(RuntimeOrigin::signed(BOB), farm, 1),
			Error::<Test>::NoStake
		);
		assert_ok!(LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 60));
		// The stake stays while rewards are unclaimed, then goes with the claim.
		assert!(Stakes::<Test>::contains_key(ALICE, farm));
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		assert!(!Stakes::<Test>::contains_key(ALICE, farm));
	})
}

#[test]
fn stake_errors() {
	test(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		assert_noop!(
			LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			LiquidityMining::stake(RuntimeOrigin::signed(ALICE), 9, 10),
			Error::<Test>::FarmNotFound
		);
		assert_noop!(
			LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, LP_FUNDS + 1),
			TokenError::FundsUnavailable
		);
	})
}

#[test]
fn emergency_withdraw_forfeits_rewards_even_after_the_end() {
	test(|| {
		let farm = create_farm(10, 1, 5, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(20);
		assert_eq!(pending(farm, ALICE), 40);
		assert_ok!(LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(ALICE), farm));
		assert_eq!(lp(ALICE), LP_FUNDS);
		assert!(!Stakes::<Test>::contains_key(ALICE, farm));
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::EmergencyWithdrawn {
			farm_id: farm,
			who: ALICE,
			amount: 100,
			forfeited: 40,
		}));
		assert_noop!(
			LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(ALICE), farm),
			Error::<Test>::NoStake
		);
	})
}

#[test]
fn emission_stops_exactly_at_the_end_block() {
	test(|| {
		let farm = create_farm(10, 3, 8, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(7);
		assert!(!System::events()
			.iter()
			.any(|r| matches!(r.event, RuntimeEvent::LiquidityMining(Event::FarmEnded { .. }))));
		run_to_block(8);
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmEnded {
			farm_id: farm,
			at: 8,
			reason: EndReason::EndBlock,
			total_emitted: 50,
		}));
		run_to_block(30);
		// Blocks 3..8: five blocks, nothing before the start or after the end.
		assert_eq!(pending(farm, ALICE), 50);
	})
}

#[test]
fn emission_stops_at_the_cap() {
	test(|| {
		let farm = create_farm(10, 1, 100, 35);
		stake(ALICE, farm, 1);
		stake(BOB, farm, 1);
		run_to_block(5);
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmEnded {
			farm_id: farm,
			at: 5,
			reason: EndReason::Cap,
			total_emitted: 35,
		}));
		run_to_block(50);
		// 35 over two equal stakes: 17.5 each, the half units stay behind as dust.
		assert_eq!((pending(farm, ALICE), pending(farm, BOB)), (17, 17));
	})
}

#[test]
fn blocks_without_stake_emit_to_nobody() {
	test(|| {
		let farm = create_farm(10, 1, 100, u128::MAX);
		run_to_block(5);
		stake(ALICE, farm, 10);
		run_to_block(7);
		assert_eq!(pending(farm, ALICE), 20);
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		let info = Farms::<Test>::get(farm).unwrap();
		assert_eq!((info.undistributed, info.distributed), (40, 20));
	})
}

#[test]
fn rate_changes_settle_first() {
	test(|| {
		let farm = create_farm(10, 1, 100, u128::MAX);
		stake(ALICE, farm, 10);
		run_to_block(5);
		assert_noop!(
			LiquidityMining::set_farm_rate(RuntimeOrigin::signed(ALICE), farm, 20),
			DispatchError::BadOrigin
		);
		assert_noop!(
			LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 0),
			Error::<Test>::ZeroReward
		);
		assert_ok!(LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 100));
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmRateChanged {
			farm_id: farm,
			old_rate: 10,
			new_rate: 100,
			from_block: 5,
		}));
		run_to_block(7);
		assert_eq!(pending(farm, ALICE), 40 + 200);
	})
}

#[test]
fn rate_change_moves_the_cap_block() {
	test(|| {
		let farm = create_farm(10, 1, 100, 100);
		assert_eq!(FarmEndings::<Test>::get(11).into_inner(), vec![farm]);
		run_to_block(3);
		// 20 emitted; 80 left at 40 per block: the cap is reached at block 5.
		assert_ok!(LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 40));
		assert!(FarmEndings::<Test>::get(11).is_empty());
		assert_eq!(FarmEndings::<Test>::get(5).into_inner(), vec![farm]);
	})
}

#[test]
fn extend_and_end_farms() {
	test(|| {
		let farm = create_farm(10, 1, 10, u128::MAX);
		stake(ALICE, farm, 10);
		assert_noop!(
			LiquidityMining::extend_farm(RuntimeOrigin::root(), farm, 10),
			Error::<Test>::InvalidSchedule
		);
		assert_ok!(LiquidityMining::extend_farm(RuntimeOrigin::root(), farm, 20));
		assert!(FarmEndings::<Test>::get(10).is_empty());
		assert_eq!(FarmEndings::<Test>::get(20).into_inner(), vec![farm]);
		run_to_block(6);
		assert_ok!(LiquidityMining::end_farm(RuntimeOrigin::root(), farm));
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmEnded {
			farm_id: farm,
			at: 6,
			reason: EndReason::Admin,
			total_emitted: 50,
		}));
		assert!(FarmEndings::<Test>::get(20).is_empty());
		run_to_block(30);
		assert_eq!(pending(farm, ALICE), 50);
		assert_noop!(
			LiquidityMining::end_farm(RuntimeOrigin::root(), farm),
			Error::<Test>::FarmEnded
		);
		assert_noop!(
			LiquidityMining::extend_farm(RuntimeOrigin::root(), farm, 40),
			Error::<Test>::FarmEnded
		);
		assert_noop!(
			LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 5),
			Error::<Test>::FarmEnded
		);
	})
}

#[test]
fn add_liquidity_and_stake_in_one_call() {
	test(|| {
		let farm = create_farm(10, 1, 100, u128::MAX);
		assert_ok!(LiquidityMining::add_liquidity_and_stake(
			RuntimeOrigin::signed(BOB),
			farm,
			500,
			20,
			0,
			0
		));
		assert_eq!(Stakes::<Test>::get(BOB, farm).unwrap().amount, 500);
		assert_eq!(lp(BOB), LP_FUNDS);
		assert_noop!(
			LiquidityMining::add_liquidity_and_stake(RuntimeOrigin::signed(BOB), 9, 500, 20, 0, 0),
			Error::<Test>::FarmNotFound
		);
	})
}

#[test]
fn genesis_farms_run_from_block_one() {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		let genesis = crate::GenesisConfig::<Test> { farms: vec![(LP, NATIVE, 10, 50, 1_000)] };
		frame_support::traits::BuildGenesisConfig::build(&genesis);
		let farm = Farms::<Test>::get(0).unwrap();
		assert_eq!((farm.start, farm.end, farm.rate, farm.max_total_rewards), (1, 50, 10, 1_000));
		stake(ALICE, 0, 10);
		run_to_block(4);
		assert_eq!(pending(0, ALICE), 30);
		LiquidityMining::do_try_state().unwrap();
	});
}

#[test]
fn runtime_api_views() {
	test(|| {
		let farm = create_farm(10, 1, 11, u128::MAX);
		stake(ALICE, farm, 10);
		run_to_block(4);
		let view = LiquidityMining::farm_view(farm).unwrap();
		assert_eq!((view.total_staked, view.total_emitted, view.remaining_rewards), (10, 30, 70));
		assert!(view.active);
		assert_eq!(LiquidityMining::farms_of(LP), vec![farm]);
		assert_eq!(LiquidityMining::stakes_of(&ALICE), vec![(farm, 10, 30)]);
		// The AMM's word on whether the pool's initial liquidity is locked.
		assert_eq!(view.initial_liquidity_locked_until, None);
		crate::mock::InitialLiquidityLockedUntil::set(Some(500));
		let view = LiquidityMining::farm_view(farm).unwrap();
		assert_eq!(view.initial_liquidity_locked_until, Some(500));
	})
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Stake(AccountId, u128),
		Unstake(AccountId, u128),
		Claim(AccountId),
		Emergency(AccountId),
		SetRate(u128),
		Advance(u64),
	}

	fn op() -> impl Strategy<Value = Op> {
		let who = prop_oneof![Just(ALICE), Just(BOB), Just(CHARLIE)];
		prop_oneof![
			(who.clone(), 1u128..10_000).prop_map(|(w, a)| Op::Stake(w, a)),
			(who.clone(), 1u128..10_000).prop_map(|(w, a)| Op::Unstake(w, a)),
			who.clone().prop_map(Op::Claim),
			who.prop_map(Op::Emergency),
			(1u128..1_000).prop_map(Op::SetRate),
			(0u64..10).prop_map(Op::Advance),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]

		/// Over any sequence of calls and block advances: invariants hold after every step, and
		/// rewards minted plus rewards owed never exceed what the farm emitted or its cap.
		#[test]
		fn rewards_paid_never_exceed_emitted(
			ops in proptest::collection::vec(op(), 1..40),
			rate in 1u128..1_000,
			cap in 1u128..100_000,
		) {
			test(|| {
				let farm = create_farm(rate, 2, 60, cap);
				let issuance = Balances::total_issuance();
				for op in ops {
					let _ = match op {
						Op::Stake(w, a) => LiquidityMining::stake(RuntimeOrigin::signed(w), farm, a),
						Op::Unstake(w, a) => LiquidityMining::unstake(RuntimeOrigin::signed(w), farm, a),
						Op::Claim(w) => LiquidityMining::claim(RuntimeOrigin::signed(w), farm, None),
						Op::Emergency(w) => LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(w), farm),
						Op::SetRate(r) => LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, r),
						Op::Advance(n) => {
							run_to_block(System::block_number() + n);
							Ok(())
						},
					};
					prop_assert!(LiquidityMining::do_try_state().is_ok());
					let info = Farms::<Test>::get(farm).unwrap();
					let minted = Balances::total_issuance() - issuance;
					prop_assert_eq!(minted, info.claimed);
					let owed: u128 = [ALICE, BOB, CHARLIE].iter().map(|w| pending(farm, *w)).sum();
					let emitted = LiquidityMining::farm_view(farm).unwrap().total_emitted;
					prop_assert!(minted + owed + info.forfeited <= emitted);
					prop_assert!(emitted <= cap);
				}
				Ok(())
			})?;
		}
	}
}

/// The name of an error as the bad-input matrix prints it.
fn error_name(error: &DispatchError) -> String {
	match error {
		DispatchError::Module(sp_runtime::ModuleError { message: Some(name), .. }) => {
			format!("LiquidityMining::{name}")
		}
		other => format!("{other:?}"),
	}
}

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
		let rows: Vec<(&str, &str, Call, DispatchError)> = vec![
			(
				"create_farm",
				"signed origin",
				Box::new(move || {
					LiquidityMining::create_farm(signed(ALICE), LP, NATIVE, 10, 20, 30, 1_000)
				}),
				DispatchError::BadOrigin,
			),
			(
				"create_farm",
				"unknown LP token",
				create(99, NATIVE, 10, 20, 30),
				Error::<Test>::UnknownLpToken.into(),
			),
			(
				"create_farm",
				"unknown reward asset",
				create(LP, NativeOrWithId::WithId(99), 10, 20, 30),
				Error::<Test>::UnknownRewardAsset.into(),
			),
			(
				"create_farm",
				"zero rate",
				create(LP, NATIVE, 0, 20, 30),
				Error::<Test>::ZeroReward.into(),
			),
			(
				"create_farm",
				"start in the past",
				create(LP, NATIVE, 10, 19, 30),
				Error::<Test>::InvalidSchedule.into(),
			),
			(
				"create_farm",
				"end not after start",
				create(LP, NATIVE, 10, 30, 30),
				Error::<Test>::InvalidSchedule.into(),
			),
			(
				"create_farm",
				"zero cap",
				Box::new(move || LiquidityMining::create_farm(root(), LP, NATIVE, 10, 20, 30, 0)),
				Error::<Test>::ZeroReward.into(),
			),
			(
				"stake",
				"unsigned origin",
				Box::new(move || LiquidityMining::stake(RuntimeOrigin::none(), farm, 10)),
				DispatchError::BadOrigin,
			),
			(
				"stake",
				"unknown farm",
				Box::new(|| LiquidityMining::stake(RuntimeOrigin::signed(BOB), 99, 10)),
				Error::<Test>::FarmNotFound.into(),
			),
			(
				"stake",
				"zero amount",
				Box::new(move || LiquidityMining::stake(signed(BOB), farm, 0)),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"stake",
				"u128::MAX (more than held)",
				Box::new(move || LiquidityMining::stake(signed(BOB), farm, u128::MAX)),
				TokenError::FundsUnavailable.into(),
			),
			(
				"unstake",
				"unsigned origin",
				Box::new(move || LiquidityMining::unstake(RuntimeOrigin::none(), farm, 10)),
				DispatchError::BadOrigin,
			),
			(
				"unstake",
				"unknown farm",
				Box::new(|| LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), 99, 10)),
				Error::<Test>::FarmNotFound.into(),
			),
			(
				"unstake",
				"zero amount",
				Box::new(move || LiquidityMining::unstake(signed(ALICE), farm, 0)),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"unstake",
				"no stake in the farm",
				Box::new(move || LiquidityMining::unstake(signed(BOB), farm, 10)),
				Error::<Test>::NoStake.into(),
			),
			(
				"unstake",
				"one more than staked",
				Box::new(move || LiquidityMining::unstake(signed(ALICE), farm, 101)),
				Error::<Test>::InsufficientStake.into(),
			),
			(
				"unstake",
				"u128::MAX",
				Box::new(move || LiquidityMining::unstake(signed(ALICE), farm, u128::MAX)),
				Error::<Test>::InsufficientStake.into(),
			),
			(
				"claim",
				"unsigned origin",
				Box::new(move || LiquidityMining::claim(RuntimeOrigin::none(), farm, None)),
				DispatchError::BadOrigin,
			),
			(
				"claim",
				"unknown farm",
				Box::new(|| LiquidityMining::claim(RuntimeOrigin::signed(ALICE), 99, None)),
				Error::<Test>::FarmNotFound.into(),
			),
			(
				"claim",
				"no stake in the farm",
				Box::new(move || LiquidityMining::claim(signed(BOB), farm, None)),
				Error::<Test>::NoStake.into(),
			),
			(
				"emergency_withdraw",
				"unsigned origin",
				Box::new(move || LiquidityMining::emergency_withdraw(RuntimeOrigin::none(), farm)),
				DispatchError::BadOrigin,
			),
			(
				"emergency_withdraw",
				"unknown farm",
				Box::new(|| LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(ALICE), 99)),
				Error::<Test>::FarmNotFound.into(),
			),
			(
				"emergency_withdraw",
				"no stake in the farm",
				Box::new(move || LiquidityMining::emergency_withdraw(signed(BOB), farm)),
				Error::<Test>::NoStake.into(),
			),
			(
				"add_liquidity_and_stake",
				"unsigned origin",
				Box::new(move || {
					LiquidityMining::add_liquidity_and_stake(
						RuntimeOrigin::none(),
						farm,
						10,
						10,
						0,
						0,
					)
				}),
				DispatchError::BadOrigin,
			),
			(
				"add_liquidity_and_stake",
				"unknown farm",
				Box::new(|| {
					LiquidityMining::add_liquidity_and_stake(
						RuntimeOrigin::signed(BOB),
						99,
						10,
						10,
						0,
						0,
					)
				}),
				Error::<Test>::FarmNotFound.into(),
			),
			(
				"add_liquidity_and_stake",
				"zero amount",
				Box::new(move || {
					LiquidityMining::add_liquidity_and_stake(signed(BOB), farm, 0, 10, 0, 0)
				}),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"add_liquidity_and_stake",
				"u128::MAX (more than held)",
				Box::new(move || {
					LiquidityMining::add_liquidity_and_stake(signed(BOB), farm, 10, u128::MAX, 0, 0)
				}),
				TokenError::FundsUnavailable.into(),
			),
			(
				"set_farm_rate",
				"signed origin",
				Box::new(move || LiquidityMining::set_farm_rate(signed(ALICE), farm, 5)),
				DispatchError::BadOrigin,
			),
			(
				"set_farm_rate",
				"unknown farm",
				Box::new(move || LiquidityMining::set_farm_rate(root(), 99, 5)),
				Error::<Test>::FarmNotFound.into(),
			),
			(
				"set_farm_rate",
				"zero rate",
				Box::new(move || LiquidityMining::set_farm_rate(root(), farm, 0)),
				Error::<Test>::ZeroReward.into(),
			),
			(
				"set_farm_rate",
				"ended farm",
				Box::new(move || LiquidityMining::set_farm_rate(root(), ended, 5)),
				Error::<Test>::FarmEnded.into(),
			),
			(
				"extend_farm",
				"signed origin",
				Box::new(move || LiquidityMining::extend_farm(signed(ALICE), farm, 200)),
				DispatchError::BadOrigin,
			),
			(
				"extend_farm",
				"unknown farm",
				Box::new(move || LiquidityMining::extend_farm(root(), 99, 200)),
				Error::<Test>::FarmNotFound.into(),
			),
			(
				"extend_farm",
				"end not later than the current one",
				Box::new(move || LiquidityMining::extend_farm(root(), farm, 100)),
				Error::<Test>::InvalidSchedule.into(),
			),
			(
				"extend_farm",
				"ended farm",
				Box::new(move || LiquidityMining::extend_farm(root(), ended, 200)),
				Error::<Test>::FarmEnded.into(),
			),
			(
				"end_farm",
				"signed origin",
				Box::new(move || LiquidityMining::end_farm(signed(ALICE), farm)),
				DispatchError::BadOrigin,
			),
			(
				"end_farm",
				"unknown farm",
				Box::new(move || LiquidityMining::end_farm(root(), 99)),
				Error::<Test>::FarmNotFound.into(),
			),
			(
				"end_farm",
				"ended farm",
				Box::new(move || LiquidityMining::end_farm(root(), ended)),
				Error::<Test>::FarmEnded.into(),
			),
		];
		println!("| Call | Bad input | Error |\n| --- | --- | --- |");
		let mut wrong = Vec::new();
		let mut check = |call: &str,
		                 input: &str,
		                 dispatch: &dyn Fn() -> sp_runtime::DispatchResult,
		                 error: DispatchError| {
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			let result = dispatch();
			if result != Err(error) {
				wrong.push(format!("{call} / {input}: expected {error:?}, got {result:?}"));
			} else if sp_io::storage::root(sp_runtime::StateVersion::V1) != root {
				wrong.push(format!("{call} / {input}: storage changed"));
			}
			println!("| `liquidity_mining.{call}` | {input} | `{}` |", error_name(&error));
		};
		for (call, input, dispatch, error) in rows {
			check(call, input, &*dispatch, error);
		}
		// The LP token's farm slots (3) are full after two more farms; one more is refused.
		assert_ok!(full(40)());
		check(
			"create_farm",
			"LP token already has the most farms",
			&full(50),
			Error::<Test>::TooManyFarms.into(),
		);
		assert!(wrong.is_empty(), "{}", wrong.join("\n"));
	})
}
