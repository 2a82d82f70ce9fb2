package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FanOutPlanTest {

  @Test
  void loadPlan_spreadsTwoInputTransfersEvenlyAndGivesThemTwoLeavesOfThePayer() {
    LoadPlan load = LoadPlan.of(3, 10, 50);

    assertThat(load.twoInputTransfers()).isEqualTo(5);
    assertThat(load.leaves()).isEqualTo(15);
    for (LoadPlan.Transfer transfer : load.transfers()) {
      for (int i = 0; i < transfer.inputs(); i++) {
        assertThat(load.leafOwners()[transfer.firstLeaf() + i]).isEqualTo(transfer.payer());
      }
      assertThat(transfer.recipient()).isEqualTo((transfer.payer() + 1) % 3);
    }
  }

  @Test
  void loadPlan_rejectsAShareOver100() {
    assertThatThrownBy(() -> LoadPlan.of(1, 1, 101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plan_createsEveryLeafOnceWithItsOwnerAndOneUnit() {
    int[] owners = LoadPlan.of(7, 1_000, 30).leafOwners();
    FanOutPlan plan = FanOutPlan.of(owners);

    assertThat(new HashSet<>(Arrays.stream(plan.leafSlots()).boxed().toList()))
        .hasSize(owners.length);
    for (int leaf = 0; leaf < owners.length; leaf++) {
      int slot = plan.leafSlots()[leaf];
      assertThat(plan.slotOwner()[slot]).isEqualTo(owners[leaf]);
      assertThat(plan.slotUnits()[slot]).isEqualTo(1);
    }
  }

  @Test
  void slotValues_withAFee_leaveExactlyOneFeePerSplitAndLeavesTheirValue() {
    FanOutPlan plan = FanOutPlan.of(new int[1_234]);
    BigInteger leaf = BigInteger.valueOf(1_000);
    BigInteger fee = BigInteger.valueOf(7);

    BigInteger[] values = plan.slotValues(leaf, fee);

    for (int slot : plan.leafSlots()) {
      assertThat(values[slot]).isEqualTo(leaf);
    }
    for (List<FanOutPlan.Split> level : plan.levels()) {
      for (FanOutPlan.Split split : level) {
        BigInteger outputs =
            split.outputs().stream()
                .map(slot -> values[slot])
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(values[split.input()].subtract(outputs)).isEqualTo(fee);
      }
    }
    assertThat(values[0])
        .isEqualTo(
            leaf.multiply(BigInteger.valueOf(1_234))
                .add(fee.multiply(BigInteger.valueOf(plan.transactions()))));
  }

  @Test
  void slotValues_withoutAFee_areTheUnitsTimesTheLeafValue() {
    FanOutPlan plan = FanOutPlan.of(new int[300]);
    BigInteger[] values = plan.slotValues(BigInteger.TEN, BigInteger.ZERO);
    for (int slot = 0; slot < plan.slots(); slot++) {
      assertThat(values[slot]).isEqualTo(BigInteger.valueOf(10 * plan.slotUnits()[slot]));
    }
  }

  @Test
  void plan_spendsEachInnerSlotOnceAfterItWasCreatedAndAmountsAddUp() {
    FanOutPlan plan = FanOutPlan.of(new int[1_234]);
    Set<Integer> created = new HashSet<>(List.of(0));
    Set<Integer> spent = new HashSet<>();
    for (List<FanOutPlan.Split> level : plan.levels()) {
      Set<Integer> createdThisLevel = new HashSet<>();
      for (FanOutPlan.Split split : level) {
        assertThat(created).contains(split.input());
        assertThat(spent.add(split.input())).isTrue();
        assertThat(plan.slotOwner()[split.input()]).isEqualTo(FanOutPlan.HUB);
        assertThat(split.outputs()).hasSizeBetween(1, 4);
        assertThat(split.outputs().stream().mapToLong(slot -> plan.slotUnits()[slot]).sum())
            .isEqualTo(plan.slotUnits()[split.input()]);
        createdThisLevel.addAll(split.outputs());
      }
      created.addAll(createdThisLevel);
    }
    assertThat(plan.slotUnits()[0]).isEqualTo(1_234);
    // each tx spends one output and creates 4, but for at most one split per level
    assertThat(plan.transactions()).isBetween(411, 411 + plan.levels().size());
    assertThat(plan.levels()).hasSize(6); // ceil(log4(1234))
  }

  @Test
  void plan_ofOneLeaf_stillMovesTheDepositToTheLeafOwner() {
    FanOutPlan plan = FanOutPlan.of(new int[] {5});

    assertThat(plan.transactions()).isEqualTo(1);
    assertThat(plan.slotOwner()[plan.leafSlots()[0]]).isEqualTo(5);
  }
}
