package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Receipt;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Plasma contract as the exit commands use it, over an {@link L1Session}: reads (exits, the
 * queue top, events, L1 time) and, with a key, the exit transactions (see {@link L1Session} for how
 * they are sent).
 */
final class ExitL1 implements AutoCloseable {
  private static final long LOG_CHUNK_BLOCKS = 10_000;

  private final L1Session session;
  private final Web3jRootChain chain;

  private ExitL1(L1Session session, Address contract) {
    this.session = session;
    try {
      this.chain = session.rootChain(contract);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** Reads only: {@code exit list}. */
  static ExitL1 readOnly(URI endpoint, Address contract) {
    return new ExitL1(L1Session.readOnly(endpoint), contract);
  }

  /** Reads and sends as {@code key}. */
  static ExitL1 signing(URI endpoint, Address contract, PrivateKey key) {
    return new ExitL1(L1Session.signing(endpoint, key), contract);
  }

  /** The contract, for calls; sends need a signing session. */
  Web3jRootChain chain() {
    return chain;
  }

  /** The address transactions are sent from. */
  Address sender() {
    return session.sender();
  }

  long chainId() {
    return session.chainId();
  }

  /** The exit at the top of {@code token}'s queue (it may be challenged), if the queue has one. */
  Optional<QueueTop> topExit(Address token) {
    return session
        .read("topExit", () -> chain.topExit(token))
        .map(top -> new QueueTop(top.exitId(), top.exitableAt()));
  }

  /** Entries in {@code token}'s exit queue, challenged ones not yet popped included. */
  long exitQueueSize(Address token) {
    return session.read("exitQueueSize", () -> chain.exitQueueSize(token));
  }

  /** What the contract holds of {@code token}: the most any withdrawal of it can pay. */
  BigInteger contractBalance(Address token) {
    return session.balanceOf(token, chain.contractAddress());
  }

  /** L1's clock: the timestamp of the latest block (what the contract compares exitableAt to). */
  Instant now() {
    return session.now();
  }

  /** The mined transaction {@code txHash}: block, time, fee and the contract's events in it. */
  Receipt receipt(Hash32 txHash) {
    L1Receipt receipt = session.receipt(txHash, chain.contractAddress());
    long block = receipt.l1Block();
    return new Receipt(txHash, block, session.blockTime(block), receipt.fee(), receipt.events());
  }

  /** Every ExitStarted event from L1 block {@code fromBlock} to the head, in order. */
  List<L1Event.ExitStarted> exitsStarted(long fromBlock) {
    return events(fromBlock, L1Event.ExitStarted.class);
  }

  /** Every event of {@code type} from L1 block {@code fromBlock} to the head, in order. */
  <T extends L1Event> List<T> events(long fromBlock, Class<T> type) {
    long head = chain.l1Height();
    List<T> found = new ArrayList<>();
    for (long from = fromBlock; from <= head; from += LOG_CHUNK_BLOCKS) {
      chain.events(from, Math.min(head, from + LOG_CHUNK_BLOCKS - 1)).stream()
          .filter(type::isInstance)
          .map(type::cast)
          .forEach(found::add);
    }
    return found;
  }

  @Override
  public void close() {
    session.close();
  }

  /** The top of an exit queue: which exit, and when it can be processed. */
  record QueueTop(ExitId exitId, Instant exitableAt) {}

  /** A mined exit transaction. */
  record Receipt(Hash32 txHash, long block, Instant time, BigInteger fee, List<L1Event> events) {
    Receipt {
      events = List.copyOf(events);
    }

    <T extends L1Event> List<T> events(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
