package io.plasmanode.contracts.l1;

import static io.plasmanode.contracts.testing.AnvilChain.ether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java-built transactions, Merkle roots and proofs, and EIP-712 signatures against the real
 * contract on a real anvil: deposit, a child block built and validated by the Java ledger,
 * submitBlock of its Java root, exits with Java proofs, a challenge with a Java-signed spend, and
 * processing after the exit period, with balances checked at each step.
 */
class PlasmaContractIT {
  private static final Duration MIN_EXIT_PERIOD = Duration.ofSeconds(100);
  private static final BigInteger BOND = ether(1).divide(BigInteger.TEN);
  private static final PrivateKey OPERATOR = TestKeys.ALICE;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final Address ETH = Address.ZERO;

  private static AnvilChain l1;
  private static TransactionSigner signer;
  private static SignatureChecker checker;

  @BeforeAll
  static void deploy() {
    l1 = AnvilChain.start(OPERATOR, MIN_EXIT_PERIOD, BOND);
    List.of(BOB, CAROL, DAVE).forEach(key -> l1.fund(key.address()));
    Eip712Domain domain = new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID);
    signer = new TransactionSigner(domain);
    checker = new SignatureChecker(domain, new BouncyCastleSignerRecovery());
  }

  @AfterAll
  static void stop() {
    if (l1 != null) {
      l1.close();
    }
  }

  @Test
  void depositBlockExitChallengeAndProcess() {
    // Alice deposits 1 ETH: a Java-encoded deposit transaction.
    Output deposited = new Output(ALICE.address(), ETH, ether(1));
    Hash32 depositTx =
        l1.as(ALICE).deposit(TxCodec.encode(PaymentTransaction.deposit(deposited)), ether(1));
    L1Event.Deposit deposit = onlyEvent(depositTx, L1Event.Deposit.class);
    assertThat(deposit.owner()).isEqualTo(ALICE.address());
    assertThat(deposit.amount()).isEqualTo(ether(1));
    assertThat(l1.balance(l1.contract())).isEqualTo(ether(1));
    UtxoPos depositPos = new UtxoPos(deposit.blknum(), 0, 0);

    // The operator builds child block 1000 with the Java ledger: Alice pays Bob 0.6 and herself
    // 0.4, then pays Carol 0.3 of her change (a chained spend in the same block).
    InMemoryUtxoSet utxos = new InMemoryUtxoSet();
    utxos.apply(UtxoDelta.deposit(new Utxo(depositPos, deposited)));
    long blknum = l1.as(OPERATOR).nextChildBlock();
    PendingBlock block = new PendingBlock(utxos, blknum);
    SignedTransaction pay = sign(depositPos, List.of(out(BOB, "0.6"), out(ALICE, "0.4")), ALICE);
    SignedTransaction chained =
        sign(new UtxoPos(blknum, 0, 1), List.of(out(CAROL, "0.3"), out(ALICE, "0.1")), ALICE);
    include(block, pay);
    include(block, chained);
    List<byte[]> txBytes = List.of(TxCodec.encode(pay.tx()), TxCodec.encode(chained.tx()));
    MerkleTree tree = MerkleTree.of(txBytes);
    l1.as(OPERATOR).submitBlock(tree.root());
    assertThat(l1.as(DAVE).block(blknum))
        .hasValueSatisfying(c -> assertThat(c.commits(tree.root())).isTrue());

    // Bob exits his 0.6 with a Java-built inclusion proof...
    UtxoPos bobsOutput = new UtxoPos(blknum, 0, 0);
    BigInteger bobBefore = l1.balance(BOB.address());
    Hash32 bobExit =
        l1.as(BOB).startStandardExit(bobsOutput, txBytes.get(0), tree.proof(0).toBytes());
    assertThat(l1.balance(BOB.address()))
        .isEqualTo(bobBefore.subtract(BOND).subtract(l1.fee(bobExit)));
    assertThat(onlyEvent(bobExit, L1Event.ExitStarted.class).utxoPos()).isEqualTo(bobsOutput);
    assertThat(l1.as(DAVE).exit(bobsOutput).status()).isEqualTo(ExitState.Status.ACTIVE);

    // ...although he had signed it away to Dave: Dave challenges with Bob's Java-signed spend.
    SignedTransaction spend = sign(bobsOutput, List.of(out(DAVE, "0.6")), BOB);
    // Carol copies Dave's challenge (the call his gateway encodes, naming him in senderData) and
    // sends it from her own account: refused, the exit stays active (MoreVP X4).
    ContractCall davesChallenge =
        ContractCalls.challengeStandardExit(
            l1.contract(),
            DAVE.address(),
            bobsOutput,
            TxCodec.encode(spend.tx()),
            0,
            spend.signatures().get(0));
    assertThat(l1.sender(CAROL).revertOf(davesChallenge, 1_000_000)).hasValue("SenderDataMismatch");
    assertRevertsWith(
        () -> l1.sender(CAROL).execute("challengeStandardExit", davesChallenge),
        "SenderDataMismatch");
    assertThat(l1.as(DAVE).exit(bobsOutput).status()).isEqualTo(ExitState.Status.ACTIVE);
    assertThat(l1.sender(DAVE).revertOf(davesChallenge, 1_000_000)).isEmpty();
    BigInteger daveBefore = l1.balance(DAVE.address());
    Hash32 challenge =
        l1.as(DAVE)
            .challengeStandardExit(
                bobsOutput, TxCodec.encode(spend.tx()), 0, spend.signatures().get(0));
    assertThat(onlyEvent(challenge, L1Event.ExitChallenged.class).challenger())
        .isEqualTo(DAVE.address());
    assertThat(l1.as(DAVE).exit(bobsOutput).status()).isEqualTo(ExitState.Status.CHALLENGED);
    assertThat(l1.balance(DAVE.address()))
        .isEqualTo(daveBefore.add(BOND).subtract(l1.fee(challenge)));

    // A challenged exit can never restart; and nobody exits an output that is not theirs.
    assertRevertsWith(
        () -> l1.as(BOB).startStandardExit(bobsOutput, txBytes.get(0), tree.proof(0).toBytes()),
        "ExitWasChallenged");
    UtxoPos carolsOutput = new UtxoPos(blknum, 1, 0);
    assertRevertsWith(
        () -> l1.as(DAVE).startStandardExit(carolsOutput, txBytes.get(1), tree.proof(1).toBytes()),
        "NotOutputOwner");
    assertRevertsWith(
        () -> l1.as(CAROL).startStandardExit(carolsOutput, txBytes.get(1), tree.proof(0).toBytes()),
        "InvalidInclusionProof");

    // Carol exits her 0.3 (second leaf of the block); it pays out once the period is over.
    l1.as(CAROL).startStandardExit(carolsOutput, txBytes.get(1), tree.proof(1).toBytes());
    assertThat(eventsOf(l1.as(DAVE).processExits(ETH, 0, 10))).isEmpty();
    assertThat(l1.as(DAVE).exit(carolsOutput).status()).isEqualTo(ExitState.Status.ACTIVE);
    l1.advanceTime(MIN_EXIT_PERIOD.multipliedBy(2).plusSeconds(1));
    BigInteger carolBefore = l1.balance(CAROL.address());
    BigInteger contractBefore = l1.balance(l1.contract());
    Hash32 processed = l1.as(DAVE).processExits(ETH, 0, 10);
    L1Event.ExitFinalized finalized = onlyEvent(processed, L1Event.ExitFinalized.class);
    assertThat(finalized.utxoPos()).isEqualTo(carolsOutput);
    assertThat(finalized.paid()).isTrue();
    BigInteger payout = ether(3).divide(BigInteger.TEN).add(BOND);
    assertThat(l1.balance(CAROL.address())).isEqualTo(carolBefore.add(payout));
    assertThat(l1.balance(l1.contract())).isEqualTo(contractBefore.subtract(payout));
    assertThat(l1.as(DAVE).exit(carolsOutput).status()).isEqualTo(ExitState.Status.FINALIZED);

    // Paid once: nothing is left to process, and the output cannot exit again.
    assertThat(eventsOf(l1.as(DAVE).processExits(ETH, 0, 10))).isEmpty();
    assertRevertsWith(
        () -> l1.as(CAROL).startStandardExit(carolsOutput, txBytes.get(1), tree.proof(1).toBytes()),
        "ExitAlreadyStarted");
  }

  private static void include(PendingBlock block, SignedTransaction signed) {
    List<Address> signers = checker.recoverSigners(signed).get();
    block.add(new VerifiedTransaction(signed, signers)).get();
  }

  private static SignedTransaction sign(UtxoPos input, List<Output> outputs, PrivateKey owner) {
    return signer.sign(PaymentTransaction.transfer(List.of(input), outputs), List.of(owner));
  }

  private static Output out(PrivateKey owner, String ether) {
    BigInteger wei = new java.math.BigDecimal(ether).movePointRight(18).toBigIntegerExact();
    return new Output(owner.address(), ETH, wei);
  }

  private static List<L1Event> eventsOf(Hash32 txHash) {
    long l1Block = l1.receipt(txHash).getBlockNumber().longValueExact();
    return l1.as(DAVE).events(l1Block, l1Block).stream()
        .filter(e -> e.origin().l1TxHash().equals(txHash))
        .toList();
  }

  private static <T extends L1Event> T onlyEvent(Hash32 txHash, Class<T> type) {
    List<L1Event> events = eventsOf(txHash);
    assertThat(events).hasSize(1).first().isInstanceOf(type);
    return type.cast(events.get(0));
  }

  private static void assertRevertsWith(Runnable call, String error) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            L1Exception.class,
            e ->
                assertThat(e.errorName()).as(e.getMessage()).isEqualTo(Optional.ofNullable(error)));
  }
}
