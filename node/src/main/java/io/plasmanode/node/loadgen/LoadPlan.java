package io.plasmanode.node.loadgen;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * Which transfers the bench sends and which outputs they spend: transfer {@code t} is paid by
 * account {@code t % accounts} to the next account, and spends one or two "leaf" outputs of its
 * payer, each worth one unit. The leaves are listed in transfer order, so the fan-out can create
 * them and the transfers find theirs by index.
 *
 * @param accounts how many accounts pay (N)
 * @param transfers the measured transfers (M), in submission order
 * @param leafOwners the owner (account index) of every leaf output, in leaf order
 */
public record LoadPlan(int accounts, List<Transfer> transfers, int[] leafOwners) {

  /**
   * One measured transfer.
   *
   * @param payer the account that owns the inputs and signs
   * @param recipient the account paid
   * @param firstLeaf the index of the first leaf spent; a 2-input transfer also spends the next
   * @param inputs 1 or 2
   */
  public record Transfer(int payer, int recipient, int firstLeaf, int inputs) {}

  /**
   * @param accounts N, at least 1
   * @param transfers M, at least 1
   * @param twoInputPercent the share of 2-input transfers (0..100), spread evenly
   */
  public static LoadPlan of(int accounts, int transfers, int twoInputPercent) {
    checkArgument(accounts >= 1, "at least one account, got %s", accounts);
    checkArgument(transfers >= 1, "at least one transfer, got %s", transfers);
    checkArgument(
        twoInputPercent >= 0 && twoInputPercent <= 100,
        "the 2-input share must be 0..100, got %s",
        twoInputPercent);
    List<Transfer> planned = new ArrayList<>(transfers);
    List<Integer> owners = new ArrayList<>();
    for (int t = 0; t < transfers; t++) {
      boolean twoInputs =
          (long) t * twoInputPercent / 100 != (long) (t + 1) * twoInputPercent / 100;
      int inputs = twoInputs ? 2 : 1;
      int payer = t % accounts;
      planned.add(new Transfer(payer, (payer + 1) % accounts, owners.size(), inputs));
      for (int i = 0; i < inputs; i++) {
        owners.add(payer);
      }
    }
    return new LoadPlan(
        accounts, List.copyOf(planned), owners.stream().mapToInt(Integer::intValue).toArray());
  }

  public int leaves() {
    return leafOwners.length;
  }

  public long twoInputTransfers() {
    return transfers.stream().filter(transfer -> transfer.inputs() == 2).count();
  }
}
