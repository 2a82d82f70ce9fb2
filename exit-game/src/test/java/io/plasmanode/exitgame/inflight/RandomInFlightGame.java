package io.plasmanode.exitgame.inflight;

import static io.plasmanode.exitgame.inflight.InFlightFixture.CONFIG;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ETH;
import static io.plasmanode.exitgame.inflight.InFlightFixture.MEP;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static io.plasmanode.exitgame.inflight.InFlightFixture.TOKEN;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.SpendRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A random world for {@link InFlightExitGamePropertyTest}: deposits, honestly signed txs that may
 * double-spend, some included (in any order, a few in blocks the watcher did not get) and some not,
 * in-flight exits of some of them started at random times, the contract ({@link ContractModel}) and
 * the game fed the same L1 history.
 */
final class RandomInFlightGame {
  record Coin(UtxoPos pos, Output output, PrivateKey key) {}

  record Made(SignedTransaction signed, List<Output> inputs, Optional<UtxoPos> txPos) {
    InFlightExitId id() {
      return InFlightFixture.idOf(signed.tx());
    }
  }

  record Start(Made made, Instant at) {}

  final Gen gen;
  final InFlightFixture chain = new InFlightFixture();
  final ContractModel model = new ContractModel(MEP);
  final InFlightExitGame game = new InFlightExitGame(CONFIG);
  final List<Made> made = new ArrayList<>();
  final List<Start> pending = new ArrayList<>();
  final List<InFlightExitId> started = new ArrayList<>();

  RandomInFlightGame(Gen gen) {
    this.gen = gen;
    List<Coin> coins = new ArrayList<>();
    for (int b = 1; b <= gen.intBetween(2, 4); b++) {
      PrivateKey key = gen.pick(TestKeys.ALL);
      Output output =
          new Output(
              key.address(), gen.bool() ? ETH : TOKEN, BigInteger.valueOf(gen.intBetween(10, 99)));
      coins.add(new Coin(new UtxoPos(b, 0, 0), output, key));
    }
    Set<Long> positions = new HashSet<>();
    for (int k = gen.intBetween(2, 6); k > 0; k--) {
      made.add(makeTx(coins, positions));
    }
    for (Made tx : made) {
      if (gen.oneIn(2) || tx == made.getFirst()) {
        pending.add(new Start(tx, T0.plusSeconds(gen.longBetween(0, 2 * 86_400))));
      }
    }
  }

  private Made makeTx(List<Coin> coins, Set<Long> positions) {
    Set<Coin> spent = new LinkedHashSet<>(gen.list(1, 2, () -> gen.pick(coins)));
    List<Output> outputs = new ArrayList<>();
    Address token = spent.iterator().next().output().token();
    for (int o = gen.intBetween(1, 2); o > 0; o--) {
      outputs.add(new Output(gen.pick(TestKeys.ALL).address(), token, BigInteger.ONE));
    }
    PaymentTransaction tx =
        PaymentTransaction.transfer(spent.stream().map(Coin::pos).toList(), outputs);
    SignedTransaction signed =
        InFlightFixture.sign(tx, spent.stream().map(Coin::key).toArray(PrivateKey[]::new));
    Optional<UtxoPos> txPos = Optional.empty();
    UtxoPos candidate = new UtxoPos(1000L * gen.intBetween(1, 5), gen.intBetween(0, 3), 0);
    if (!gen.oneIn(3) && positions.add(candidate.toLong())) {
      if (gen.oneIn(5)) { // in a block L1 has but the watcher did not get (withheld)
        txPos = Optional.of(candidate);
      } else {
        txPos = Optional.of(chain.include(signed, candidate.blknum(), candidate.txindex()));
      }
      model.blocks.put(candidate.toLong(), tx);
      for (int o = 0; o < outputs.size(); o++) {
        PrivateKey owner = keyOf(outputs.get(o).owner());
        coins.add(
            new Coin(
                new UtxoPos(candidate.blknum(), candidate.txindex(), o), outputs.get(o), owner));
      }
    }
    return new Made(signed, spent.stream().map(Coin::output).toList(), txPos);
  }

  private static PrivateKey keyOf(Address address) {
    return TestKeys.ALL.stream()
        .filter(key -> key.address().equals(address))
        .findFirst()
        .orElseThrow();
  }

  Instant advance(Instant now) {
    List<Instant> edges =
        InFlightExitGamePropertyTest.edges(model).stream().filter(now::isBefore).toList();
    if (!edges.isEmpty() && gen.oneIn(3)) {
      return gen.pick(edges);
    }
    return now.plus(gen.pick(InFlightExitGamePropertyTest.STEPS_IN_TIME));
  }

  void startDue(Instant now) {
    for (Start start : List.copyOf(pending)) {
      if (!start.at().isAfter(now)) {
        pending.remove(start);
        Made tx = start.made();
        model.start(tx.id(), tx.signed().tx(), tx.inputs(), start.at());
        game.started(tx.id(), tx.signed(), tx.inputs(), start.at());
        started.add(tx.id());
      }
    }
  }

  /** Someone else moves on L1: a piggyback, a challenge, a response, processing or a deletion. */
  void otherMove(Instant now) {
    if (started.isEmpty()) {
      return;
    }
    InFlightExitId id = gen.pick(started);
    ContractModel.Exit exit = model.exits.get(id);
    switch (gen.intBetween(0, 6)) {
      case 0, 1 -> {
        Slot slot =
            gen.bool() ? Slot.input(gen.intBetween(0, 1)) : Slot.output(gen.intBetween(0, 1));
        model.piggyback(id, slot, now).ifPresent(at -> game.piggybacked(id, slot, at, now));
      }
      case 2, 3 -> otherChallenge(id, exit, now);
      case 4 ->
          made.stream()
              .filter(tx -> tx.signed().tx().equals(exit.tx))
              .findFirst()
              .flatMap(Made::txPos)
              .ifPresent(
                  pos ->
                      landIfAccepted(new InFlightAction.RespondToChallenge(id, exit.tx, pos), now));
      case 5 -> {
        Address token = gen.bool() ? ETH : TOKEN;
        model
            .process(id, token, now)
            .ifPresent(finalized -> game.processed(id, token, exit.canonical, finalized));
      }
      default -> {
        if (model.delete(id, now)) {
          game.deleted(id);
        }
      }
    }
  }

  /** A challenge by someone else, with any tx spending one of the exit's inputs. */
  private void otherChallenge(InFlightExitId id, ContractModel.Exit exit, Instant now) {
    List<Made> competitors =
        made.stream()
            .filter(tx -> !tx.signed().tx().equals(exit.tx))
            .filter(tx -> tx.signed().tx().inputs().stream().anyMatch(exit.tx.inputs()::contains))
            .toList();
    if (competitors.isEmpty()) {
      return;
    }
    Made other = gen.pick(competitors);
    PaymentTransaction tx = other.signed().tx();
    for (int i = 0; i < exit.tx.inputs().size(); i++) {
      int index = tx.inputs().indexOf(exit.tx.inputs().get(i));
      if (index < 0 || tx.equals(exit.tx)) {
        continue;
      }
      UtxoPos spent = exit.tx.inputs().get(i);
      SpendRecord spend =
          other.txPos().isPresent() && gen.bool()
              ? new SpendRecord(
                  spent,
                  tx,
                  index,
                  other.signed().signatures().get(index),
                  other.txPos().get().blknum(),
                  other.txPos().get().txindex())
              : SpendRecord.inFlight(spent, tx, index, other.signed().signatures().get(index));
      landIfAccepted(new InFlightAction.ChallengeNotCanonical(id, exit.tx, i, spend), now);
      return;
    }
  }

  /** Applies {@code action} to the contract and tells the game what L1 shows, if it is accepted. */
  void landIfAccepted(InFlightAction action, Instant now) {
    if (model.rejection(action, now).isPresent()) {
      return;
    }
    model.apply(action);
    InFlightExitId id = action.exitId();
    switch (action) {
      case InFlightAction.ChallengeNotCanonical challenge ->
          game.challenged(id, challenge.inputIndex(), challenge.competitorPos());
      case InFlightAction.RespondToChallenge response -> game.responded(id, response.txPos());
      case InFlightAction.ChallengeInputSpent spent ->
          game.blocked(id, Slot.input(spent.inputIndex()));
      case InFlightAction.ChallengeOutputSpent spent ->
          game.blocked(id, Slot.output(spent.outputIndex()));
    }
  }
}
