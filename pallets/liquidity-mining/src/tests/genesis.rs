//! Genesis farms: created by the genesis config, running from block 1.

use super::*;

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
