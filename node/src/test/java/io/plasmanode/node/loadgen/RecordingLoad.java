package io.plasmanode.node.loadgen;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The bench's load generator turned into a crash-campaign client: the bench fan-out ({@link
 * FanOut}) splits one deposit into one output per lane, then workers submit real transfers
 * continuously over {@link SubmitConnection}s, each lane passing its output on to the next account,
 * and record every acknowledgment the operator gives (hash, blknum, txIndex).
 *
 * <p>A lane has at most one transfer in flight. When the operator dies ({@code kill -9}) the
 * workers stop at the first failed request; the transfers they had sent without an answer are in
 * flight, neither acknowledged nor refused. After a restart, {@link #resume} sets every lane on its
 * last transfer the operator actually holds (so the campaign can go on even when acknowledged
 * transfers were lost, counting them) and counts which in-flight ones made it.
 */
public final class RecordingLoad {
  /** What the operator answered for one accepted transfer. */
  public record Ack(Hash32 txHash, long blknum, int txIndex) {}

  /** Where a transaction is in the operator's blocks. */
  public record Location(long blknum, int txIndex) {}

  private final TransactionSigner signer;
  private final BenchAccounts accounts;
  private final BigInteger unit;
  private final List<Lane> lanes;
  private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
  private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final Map<String, LongAdder> retried = new ConcurrentHashMap<>();
  private final LongAdder inFlightLanded = new LongAdder();
  private final LongAdder inFlightDropped = new LongAdder();
  private final List<Thread> workers = new ArrayList<>();
  private final long fanOutBlknum;
  private volatile boolean stopping;

  private RecordingLoad(
      TransactionSigner signer,
      BenchAccounts accounts,
      BigInteger unit,
      List<Lane> lanes,
      long fanOutBlknum) {
    this.signer = signer;
    this.accounts = accounts;
    this.unit = unit;
    this.lanes = lanes;
    this.fanOutBlknum = fanOutBlknum;
  }

  /**
   * Fans the hub's {@code deposit} (worth {@code lanes * unit}) out into one output per lane, lane
   * {@code k} owned by account {@code k % accounts.size()}, through the operator at {@code
   * endpoint}; returns the load and the highest block the fan-out went into.
   */
  public static RecordingLoad fund(
      URI endpoint,
      TransactionSigner signer,
      BenchAccounts accounts,
      int lanes,
      BigInteger unit,
      UtxoPos deposit,
      Consumer<String> log) {
    int[] leafOwners = new int[lanes];
    for (int k = 0; k < lanes; k++) {
      leafOwners[k] = k % accounts.size();
    }
    FanOutPlan plan = FanOutPlan.of(leafOwners);
    FanOut fanOut = new FanOut(endpoint, signer, accounts, unit, BigInteger.ZERO, 64, 2, log);
    UtxoPos[] positions = fanOut.run(plan, deposit);
    List<Lane> funded = new ArrayList<>(lanes);
    for (int k = 0; k < lanes; k++) {
      funded.add(new Lane(positions[plan.leafSlots()[k]], leafOwners[k]));
    }
    return new RecordingLoad(signer, accounts, unit, funded, fanOut.lastBlknum());
  }

  /** The highest child block a fan-out transaction went into. */
  public long fanOutBlknum() {
    return fanOutBlknum;
  }

  /**
   * Starts {@code connections} workers submitting to {@code endpoint}, each for its share of the
   * lanes, {@code batch} transfers per request, until {@link #stop} or the first failed request.
   */
  public synchronized void start(URI endpoint, int connections, int batch) {
    if (!workers.isEmpty()) {
      throw new IllegalStateException("the load is already running");
    }
    stopping = false;
    for (int w = 0; w < connections; w++) {
      List<Lane> share = new ArrayList<>();
      for (int k = w; k < lanes.size(); k += connections) {
        share.add(lanes.get(k));
      }
      workers.add(
          Thread.ofPlatform()
              .daemon()
              .name("crash-load-" + w)
              .start(() -> work(endpoint, share, batch)));
    }
  }

  /** Stops the workers (at once if the operator is dead) and waits for them. */
  public synchronized void stop() throws InterruptedException {
    stopping = true;
    for (Thread worker : workers) {
      worker.join();
    }
    workers.clear();
  }

  private void work(URI endpoint, List<Lane> share, int batch) {
    try (SubmitConnection connection = new SubmitConnection(endpoint)) {
      while (!stopping) {
        for (int from = 0; from < share.size() && !stopping; from += batch) {
          submit(connection, share.subList(from, Math.min(share.size(), from + batch)));
        }
      }
    } catch (IOException e) {
      // the operator is gone: what was sent stays in flight until resume()
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void submit(SubmitConnection connection, List<Lane> chunk)
      throws IOException, InterruptedException {
    List<Lane> sending = chunk.stream().filter(lane -> !lane.stuck).toList();
    if (sending.isEmpty()) {
      Thread.sleep(50);
      return;
    }
    List<byte[]> signed = new ArrayList<>(sending.size());
    for (Lane lane : sending) {
      lane.inFlight = transfer(lane);
      signed.add(lane.inFlight.signedBytes());
    }
    List<SubmitConnection.Outcome> outcomes =
        connection.submit(SubmitConnection.body(signed), signed.size());
    for (int i = 0; i < sending.size(); i++) {
      settle(sending.get(i), outcomes.get(i));
    }
  }

  private void settle(Lane lane, SubmitConnection.Outcome outcome) {
    Transfer sent = lane.inFlight;
    lane.inFlight = null;
    if (outcome.accepted()) {
      Ack ack = new Ack(sent.txHash(), outcome.blknum(), outcome.txIndex());
      acks.add(ack);
      lane.advance(sent, new UtxoPos(ack.blknum(), ack.txIndex(), 0));
    } else if (outcome.retryable()) {
      retried.computeIfAbsent(outcome.reason(), reason -> new LongAdder()).increment();
    } else {
      lane.stuck = true;
      unexpected.add(
          "transfer %s of %s refused: %s (%d)"
              .formatted(
                  sent.txHash().toShortHex(), lane.current, outcome.reason(), outcome.code()));
    }
  }

  private Transfer transfer(Lane lane) {
    int next = (lane.owner + 1) % accounts.size();
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(lane.current),
            List.of(new Output(accounts.key(next).address(), Address.ZERO, unit)));
    byte[] signed = TxCodec.encodeSigned(signer.sign(tx, List.of(accounts.key(lane.owner))));
    return new Transfer(signed, Keccak.keccak256(TxCodec.encode(tx)), next);
  }

  /**
   * After a restart, with {@code held} the location of every transaction the operator holds: each
   * lane goes on from its last transfer held (earlier ones held too, or the lane's funding output),
   * and each transfer that was in flight counts as landed (held) or dropped.
   */
  public synchronized void resume(Map<Hash32, Location> held) {
    if (!workers.isEmpty()) {
      throw new IllegalStateException("stop the load before resuming it");
    }
    for (Lane lane : lanes) {
      Transfer inFlight = lane.inFlight;
      lane.inFlight = null;
      lane.rollBackTo(held);
      if (inFlight == null) {
        continue;
      }
      Location landed = held.get(inFlight.txHash());
      if (landed != null) {
        inFlightLanded.increment();
        lane.advance(inFlight, new UtxoPos(landed.blknum(), landed.txIndex(), 0));
      } else {
        inFlightDropped.increment();
      }
    }
  }

  /** Every acknowledgment so far, in the order they came. */
  public List<Ack> acknowledged() {
    return List.copyOf(acks);
  }

  /** Refusals that should never happen to a lane (it spends its own output), described. */
  public List<String> unexpectedRejections() {
    return List.copyOf(unexpected);
  }

  /** Rejections the operator asked to retry (busy, rate limits), by reason. */
  public Map<String, Long> retried() {
    Map<String, Long> counts = new TreeMap<>();
    retried.forEach((reason, count) -> counts.put(reason, count.sum()));
    return counts;
  }

  /** In-flight transfers (sent, unanswered at a kill) that the restarted operator holds. */
  public long inFlightLanded() {
    return inFlightLanded.sum();
  }

  /** In-flight transfers that the restarted operator does not hold (never taken, or lost). */
  public long inFlightDropped() {
    return inFlightDropped.sum();
  }

  /** The owners of the lanes' outputs: every bench account. */
  public List<Address> owners() {
    List<Address> owners = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      owners.add(accounts.key(i).address());
    }
    return owners;
  }

  private record Transfer(byte[] signedBytes, Hash32 txHash, int recipient) {}

  /** One transfer of a lane as the operator placed it, and the lane's output after it. */
  private record Step(Hash32 txHash, UtxoPos output, int owner) {}

  /**
   * A chain of transfers of one output. Only its worker touches it while the load runs; {@link
   * #resume} only while it is stopped (the thread joins order the accesses).
   */
  private static final class Lane {
    private final Step funding;
    private final List<Step> steps = new ArrayList<>();
    private UtxoPos current;
    private int owner;
    private Transfer inFlight;
    private boolean stuck;

    Lane(UtxoPos funding, int owner) {
      this.funding = new Step(null, funding, owner);
      this.current = funding;
      this.owner = owner;
    }

    void advance(Transfer transfer, UtxoPos output) {
      steps.add(new Step(transfer.txHash(), output, transfer.recipient()));
      current = output;
      owner = transfer.recipient();
    }

    /** Drops the trailing steps the operator does not hold. */
    void rollBackTo(Map<Hash32, Location> held) {
      while (!steps.isEmpty() && !held.containsKey(steps.getLast().txHash())) {
        steps.removeLast();
      }
      stuck = false;
      if (steps.isEmpty()) {
        current = funding.output();
        owner = funding.owner();
        return;
      }
      Step last = steps.getLast();
      Location at = held.get(last.txHash());
      current = new UtxoPos(at.blknum(), at.txIndex(), 0);
      owner = last.owner();
    }
  }
}
