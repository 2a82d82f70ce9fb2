package io.plasmanode.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.OperatorView.Submitted;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scenario language of the ITs: what users do on L1 and on the child chain (deposit ether or an
 * ERC20 token, transfer with one or more inputs and change, wait for blocks, start valid or invalid
 * standard exits, challenge, process exits; start in-flight exits and piggyback them) and what they
 * read (balances, outputs, exit states). One implementation for every IT; {@link
 * PlasmaNetwork#scenario} makes one.
 *
 * <pre>{@code
 * UtxoPos deposit = users.deposit(BOB, ether(2));
 * Submitted paid = users.pay(BOB, deposit, eth(CAROL, ether(1)), eth(BOB, ether(1)));
 * users.awaitCommitted(paid.blknum());
 * users.startExit(CAROL, paid.output(0));
 *
 * SignedTransaction inFlight = users.transfer(CAROL, paid.output(0), eth(DAVE, ether(1)));
 * users.startInFlightExit(CAROL, inFlight); // never submitted: it exits in flight
 * users.piggybackOutput(DAVE, inFlight, 0);
 * }</pre>
 */
public final class Scenario implements AutoCloseable {
  /** Reads need no funds: any key does. */
  private static final PrivateKey READER = TestKeys.ALICE;

  private final AnvilChain l1;
  private final Payments payments;
  private final Optional<OperatorView> operator;

  Scenario(AnvilChain l1, Optional<OperatorView> operator) {
    this.l1 = l1;
    this.payments = Payments.of(new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID));
    this.operator = operator;
  }

  /** The L1 the users act on. */
  public AnvilChain l1() {
    return l1;
  }

  /** The operator the users transact with. */
  public OperatorView operator() {
    return operator.orElseThrow(() -> new IllegalStateException("a scenario without operator"));
  }

  // --- Deposits ----------------------------------------------------------------------------

  /** {@code owner} deposits {@code amount} wei for itself on L1; the deposit's output. */
  public UtxoPos deposit(PrivateKey owner, BigInteger amount) {
    return deposit(owner, owner.address(), amount);
  }

  /** {@code from} deposits {@code amount} wei for {@code owner} on L1; the deposit's output. */
  public UtxoPos deposit(PrivateKey from, Address owner, BigInteger amount) {
    Output output = new Output(owner, Payments.ETH, amount);
    long before = l1.as(from).l1Height();
    l1.as(from).deposit(Payments.depositTx(output), amount);
    return depositSince(before, output);
  }

  /** {@code owner} deposits {@code amount} of the ERC20 {@code token} (approving it first). */
  public UtxoPos depositToken(PrivateKey owner, Address token, BigInteger amount) {
    Output output = Payments.token(owner, token, amount);
    L1Objects.approve(l1, owner, token, amount);
    long before = l1.as(owner).l1Height();
    l1.as(owner).depositFrom(Payments.depositTx(output));
    return depositSince(before, output);
  }

  /**
   * {@code from} deploys an ERC20 test token minting {@code amountEach} to each of {@code holders};
   * its address. Not from the operator's key, whose nonce the operator's committer anchors at
   * start.
   */
  public Address deployToken(PrivateKey from, BigInteger amountEach, List<PrivateKey> holders) {
    return L1Objects.deployToken(l1, from, holders, amountEach);
  }

  /** {@code owner}'s balance of the ERC20 {@code token} on L1. */
  public BigInteger l1TokenBalance(PrivateKey owner, Address token) {
    return L1Objects.tokenBalance(l1, owner, token);
  }

  /** As {@link #deposit}, returning once the operator credits it. */
  public UtxoPos depositCredited(PrivateKey owner, BigInteger amount) {
    UtxoPos deposit = deposit(owner, amount);
    awaitCredited(owner, deposit);
    return deposit;
  }

  private UtxoPos depositSince(long before, Output output) {
    return l1.as(READER).events(before + 1, l1.as(READER).l1Height()).stream()
        .filter(L1Event.Deposit.class::isInstance)
        .map(L1Event.Deposit.class::cast)
        .filter(d -> d.owner().equals(output.owner()) && d.amount().equals(output.amount()))
        .filter(d -> d.token().equals(output.token()))
        .map(d -> new UtxoPos(d.blknum(), 0, 0))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new IllegalStateException("no deposit event for " + output));
  }

  // --- Transfers ---------------------------------------------------------------------------

  /** {@code from} signs the spend of {@code inputs} (its own) into {@code outputs}. */
  public SignedTransaction transfer(PrivateKey from, List<UtxoPos> inputs, Output... outputs) {
    return payments.transfer(from, inputs, outputs);
  }

  /** {@code from} signs the spend of its {@code input} into {@code outputs}. */
  public SignedTransaction transfer(PrivateKey from, UtxoPos input, Output... outputs) {
    return payments.transfer(from, input, outputs);
  }

  /** {@code from} pays from {@code inputs} through the operator, which must accept it. */
  public Submitted pay(PrivateKey from, List<UtxoPos> inputs, Output... outputs) {
    return operator().submit(transfer(from, inputs, outputs));
  }

  /** {@code from} pays from its {@code input} through the operator, which must accept it. */
  public Submitted pay(PrivateKey from, UtxoPos input, Output... outputs) {
    return pay(from, List.of(input), outputs);
  }

  /** The payments of this contract, for signing by hand. */
  public Payments payments() {
    return payments;
  }

  // --- Waiting -----------------------------------------------------------------------------

  /** Waits until the operator serves {@code pos} among {@code owner}'s outputs. */
  public void awaitCredited(PrivateKey owner, UtxoPos pos) {
    Waits.await("deposit " + pos + " credited", () -> operator().hasUtxo(owner, pos));
  }

  /** Waits until the operator has committed block {@code blknum} on L1. */
  public void awaitCommitted(long blknum) {
    Waits.await("block " + blknum + " committed", () -> operator().lastCommittedBlock() >= blknum);
  }

  /** Waits until the root of block {@code blknum} is on L1. */
  public void awaitOnL1(long blknum) {
    Waits.await("block " + blknum + " on L1", () -> l1.as(READER).block(blknum).isPresent());
  }

  /** Waits until the transaction {@code txHash} is in a closed block. */
  public void awaitClosed(String txHash) {
    Waits.await("transaction " + txHash + " in a closed block", () -> operator().isClosed(txHash));
  }

  // --- Exits -------------------------------------------------------------------------------

  /** {@code owner} starts the exit of {@code pos} with the operator's exit data. */
  public Hash32 startExit(PrivateKey owner, UtxoPos pos) {
    return startExit(owner, pos, operator().exitData(pos));
  }

  /** {@code owner} starts the exit of {@code pos} with served {@code exitData} (txBytes, proof). */
  public Hash32 startExit(PrivateKey owner, UtxoPos pos, JsonNode exitData) {
    return l1.as(owner)
        .startStandardExit(
            pos,
            Hex.decode(exitData.get("txBytes").asText()),
            Hex.decode(exitData.get("proof").asText()));
  }

  /** {@code owner} starts the exit of its deposit {@code pos} of {@code amount} wei. */
  public Hash32 exitDeposit(PrivateKey owner, UtxoPos pos, BigInteger amount) {
    Output output = Payments.eth(owner, amount);
    return l1.as(owner)
        .startStandardExit(pos, Payments.depositTx(output), Payments.depositProof(output));
  }

  /**
   * {@code owner} starts the exit of {@code pos} proving it with {@code block}, the unsigned
   * transactions of its block (for exits the operator would not serve data for).
   */
  public Hash32 exitFromBlock(PrivateKey owner, UtxoPos pos, List<byte[]> block) {
    byte[] proof = MerkleTree.of(block).proof(pos.txindex()).toBytes();
    return l1.as(owner).startStandardExit(pos, block.get(pos.txindex()), proof);
  }

  /** {@code challenger} challenges the exit {@code exitId} with served {@code challengeData}. */
  public Hash32 challenge(PrivateKey challenger, UtxoPos exitId, JsonNode challengeData) {
    return l1.as(challenger)
        .challengeStandardExit(
            exitId,
            Hex.decode(challengeData.get("spendingTxBytes").asText()),
            challengeData.get("inputIndex").asInt(),
            Signature.fromHex(challengeData.get("signature").asText()));
  }

  /** {@code challenger} challenges the exit {@code exitId} with input 0 of {@code spend}. */
  public Hash32 challenge(PrivateKey challenger, UtxoPos exitId, SignedTransaction spend) {
    return l1.as(challenger)
        .challengeStandardExit(
            exitId, TxCodec.encode(spend.tx()), 0, spend.signatures().getFirst());
  }

  /** {@code by} processes up to {@code max} matured ether exits from {@code topExitId}. */
  public Hash32 processExits(PrivateKey by, long topExitId, int max) {
    return l1.as(by).processExits(Payments.ETH, topExitId, max);
  }

  /** {@code by} processes up to {@code max} matured ether exits from {@code topExitId}. */
  public Hash32 processExits(PrivateKey by, ExitId topExitId, int max) {
    return l1.as(by).processExits(Payments.ETH, topExitId, max);
  }

  // --- In-flight exits ---------------------------------------------------------------------

  /**
   * {@code by} starts the in-flight exit of {@code tx} (signed by its inputs' owners), paying the
   * bond; each input's tx and proof come from the operator's blocks, or a deposit's from L1.
   */
  public Hash32 startInFlightExit(PrivateKey by, SignedTransaction tx) {
    return l1.as(by).startInFlightExit(inFlightExitStart(tx));
  }

  /** The arguments of {@code startInFlightExit} for {@code tx}. */
  public InFlightExitStart inFlightExitStart(SignedTransaction tx) {
    List<InFlightExitStart.Input> inputs = new ArrayList<>();
    for (int i = 0; i < tx.tx().inputs().size(); i++) {
      UtxoPos pos = tx.tx().inputs().get(i);
      List<byte[]> block =
          pos.isDeposit() ? List.of(depositTxOf(pos)) : operator().blockTxs(pos.blknum());
      int txindex = pos.isDeposit() ? 0 : pos.txindex();
      inputs.add(
          new InFlightExitStart.Input(
              Bytes.of(block.get(txindex)),
              pos,
              Bytes.of(MerkleTree.of(block).proof(txindex).toBytes()),
              tx.signatures().get(i)));
    }
    return new InFlightExitStart(Bytes.of(TxCodec.encode(tx.tx())), inputs);
  }

  private byte[] depositTxOf(UtxoPos pos) {
    return l1.as(READER).events(0, l1.as(READER).l1Height()).stream()
        .filter(L1Event.Deposit.class::isInstance)
        .map(L1Event.Deposit.class::cast)
        .filter(d -> d.blknum() == pos.blknum())
        .map(d -> Payments.depositTx(new Output(d.owner(), d.token(), d.amount())))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no deposit " + pos.blknum() + " on L1"));
  }

  /** {@code owner} piggybacks input {@code index} of {@code tx}'s in-flight exit. */
  public Hash32 piggybackInput(PrivateKey owner, SignedTransaction tx, int index) {
    return l1.as(owner).piggybackInFlightExitOnInput(TxCodec.encode(tx.tx()), index);
  }

  /** {@code owner} piggybacks output {@code index} of {@code tx}'s in-flight exit. */
  public Hash32 piggybackOutput(PrivateKey owner, SignedTransaction tx, int index) {
    return l1.as(owner).piggybackInFlightExitOnOutput(TxCodec.encode(tx.tx()), index);
  }

  /** The id of {@code tx}'s in-flight exit. */
  public static InFlightExitId inFlightExitId(SignedTransaction tx) {
    return InFlightExitId.of(TxCodec.encode(tx.tx()));
  }

  /** {@code tx}'s in-flight exit as the contract holds it; empty if never started. */
  public Optional<InFlightExitState> inFlightExit(SignedTransaction tx) {
    return l1.as(READER).inFlightExit(inFlightExitId(tx));
  }

  /** The exit of {@code pos} as the contract holds it. */
  public ExitState exit(UtxoPos pos) {
    return l1.as(READER).exit(pos);
  }

  /** {@code who}'s ether on L1, in wei. */
  public BigInteger l1Balance(PrivateKey who) {
    return l1.balance(who.address());
  }

  @Override
  public void close() {
    operator.ifPresent(OperatorView::close);
  }
}
