package io.plasmanode.node.inflight;

import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.RecordedEvent;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.node.cli.UserCli;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.watcher.WatcherNode;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * What the in-flight scenarios share: users acting through the {@code plasma} command line (the
 * wallet's record of what they sent, {@code exit inflight start}, {@code exit piggyback}) on the
 * slots the watcher's {@code piggyback_available} names, and reading L1 and the watcher.
 */
final class InFlightPlay {
  private final PlasmaNetwork net;
  private final FakeOperator operator;
  private final WatcherNode watcher;

  InFlightPlay(PlasmaNetwork net, FakeOperator operator, WatcherNode watcher) {
    this.net = net;
    this.operator = operator;
    this.watcher = watcher;
  }

  /** {@code key}'s command line, with its own home (wallet), the operator and the watcher. */
  UserCli cli(PrivateKey key) {
    return new UserCli(
        key,
        net.dir().resolve("home-" + key.address().toHex()),
        URI.create(net.l1().rpcUrl()),
        net.l1().contract().toHex(),
        operator.endpoint(),
        watcherRpc());
  }

  /** The unsigned bytes of the txs of a block, in order (what its Merkle tree is built from). */
  static List<byte[]> unsigned(List<SignedTransaction> block) {
    return block.stream().map(signed -> TxCodec.encode(signed.tx())).toList();
  }

  /** The inclusion proof of tx {@code txindex} of {@code block}. */
  static byte[] proof(List<SignedTransaction> block, int txindex) {
    return MerkleTree.of(unsigned(block)).proof(txindex).toBytes();
  }

  static byte[] txBytes(SignedTransaction signed) {
    return TxCodec.encode(signed.tx());
  }

  /**
   * The slots of {@code owner} the watcher advises to piggyback ({@code canPiggyback} in {@code
   * watcher_getInFlightExits}, its {@code piggyback_available}), as a client reads them.
   */
  List<Slot> advised(InFlightExitId exitId, PrivateKey owner) {
    try (JsonRpcClient rpc = new JsonRpcClient(watcherRpc())) {
      for (JsonNode exit : rpc.call("watcher_getInFlightExits")) {
        if (InFlightExitId.parse(exit.get("exitId").asText()).equals(exitId)) {
          List<Slot> slots = new ArrayList<>();
          addAdvised(exit.get("inputs"), owner, Slot::input, slots);
          addAdvised(exit.get("outputs"), owner, Slot::output, slots);
          return slots;
        }
      }
      return List.of();
    }
  }

  private static void addAdvised(
      JsonNode slots, PrivateKey owner, IntFunction<Slot> slot, List<Slot> advised) {
    for (JsonNode node : slots) {
      if (Address.fromHex(node.get("owner").asText()).equals(owner.address())
          && node.get("canPiggyback").asBoolean()) {
        advised.add(slot.apply(node.get("index").asInt()));
      }
    }
  }

  private URI watcherRpc() {
    return URI.create("http://127.0.0.1:" + watcher.rpcPort());
  }

  /** Waits until the watcher advises {@code owner} to piggyback exactly {@code slots}. */
  void awaitAdvice(InFlightExitId exitId, PrivateKey owner, List<Slot> slots) {
    await(
        "piggyback_available " + slots + " for " + owner.address(),
        () -> advised(exitId, owner).equals(slots));
  }

  /**
   * {@code owner} piggybacks, with {@code plasma exit piggyback}, every slot the watcher advises;
   * the slots piggybacked.
   */
  List<Slot> piggybackAsAdvised(InFlightExitId exitId, Hash32 txHash, PrivateKey owner) {
    List<Slot> slots = advised(exitId, owner);
    UserCli cli = cli(owner);
    for (Slot slot : slots) {
      cli.json(
          "exit",
          "piggyback",
          "--tx",
          txHash.toHex(),
          slot.isInput() ? "--input" : "--output",
          Integer.toString(slot.index()));
    }
    return slots;
  }

  /** The types of the watcher's active events. */
  List<String> eventTypes() {
    return watcher.status().byzantineEvents().stream().map(ByzantineEvent::type).toList();
  }

  /** The types of every event the watcher raised, active or ended. */
  List<String> everRaised() {
    return Stream.concat(
            watcher.status().byzantineEvents().stream(),
            watcher.status().pastEvents().stream().map(RecordedEvent::event))
        .map(ByzantineEvent::type)
        .toList();
  }

  /** The watcher's active in-flight events about {@code exitId}, by type. */
  List<String> eventTypes(InFlightExitId exitId) {
    return watcher.status().byzantineEvents().stream()
        .filter(InFlightByzantineEvent.class::isInstance)
        .map(InFlightByzantineEvent.class::cast)
        .filter(event -> event.exitId().equals(exitId))
        .map(ByzantineEvent::type)
        .toList();
  }

  /** The in-flight exit {@code exitId} on L1. */
  InFlightExitState exit(InFlightExitId exitId) {
    return net.l1().as(InFlightScenariosIT.READER).inFlightExit(exitId).orElseThrow();
  }

  /** The contract's events of type {@code type}, from the first L1 block. */
  <T extends L1Event> List<T> events(Class<T> type) {
    AnvilChain l1 = net.l1();
    long head = l1.as(InFlightScenariosIT.READER).l1Height();
    return l1.as(InFlightScenariosIT.READER).events(0, head).stream()
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The L1 block time now. */
  Instant l1Time() {
    return net.l1().as(InFlightScenariosIT.READER).latestBlockTime();
  }

  /** The next L1 block (the next tx sent, with automine) gets timestamp {@code at}. */
  void nextBlockAt(Instant at) {
    net.l1().call("evm_setNextBlockTimestamp", at.getEpochSecond());
  }

  /** Mines a block at least {@code at}. */
  void warpTo(Instant at) {
    if (l1Time().isBefore(at)) {
      nextBlockAt(at);
    }
    net.l1().mine();
  }

  /** The contract's ether. */
  BigInteger contractBalance() {
    return net.l1().balance(net.l1().contract());
  }

  /** {@code owner}'s credited, unpaid ether. */
  BigInteger withdrawable(PrivateKey owner) {
    return net.l1()
        .as(InFlightScenariosIT.READER)
        .withdrawable(owner.address(), InFlightScenariosIT.ETH);
  }

  /** Fails unless {@code call} reverts with the contract's error {@code error}. */
  static void assertReverts(String error, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            L1Exception.class,
            e -> assertThat(e.errorName()).as(e.getMessage()).isEqualTo(Optional.of(error)));
  }
}
