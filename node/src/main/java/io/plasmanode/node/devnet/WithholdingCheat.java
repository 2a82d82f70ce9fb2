package io.plasmanode.node.devnet;

import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Sender;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.devnet.DevnetAccounts.DemoAccount;
import io.plasmanode.node.rpc.RpcResults.Submitted;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byzantine devnet's one cheat, scenario 1 of in-flight exits: once {@link #arm armed}, the
 * next valid transaction T sent to the operator is answered as accepted into the next child block N
 * but never reaches the operator's node. N = [T, bogus] instead, where bogus gives the armed
 * account an output of the armed amount from nothing (it "spends" an output that does not exist);
 * N's root is committed on L1 with the operator key, N's contents are served to no one (the
 * operator's node has no block N and halts on the root it did not produce), and the account's
 * standard exit of its bogus output is started at once. Then the cheat disarms.
 */
final class WithholdingCheat {
  private static final Logger LOG = LoggerFactory.getLogger(WithholdingCheat.class);

  /** How long the operator's node may take to commit what it has before the cheat commits N. */
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(20);

  private static final Duration QUIET_POLL = Duration.ofMillis(200);

  /** The largest transaction index of a block: no block of the chain has a transaction there. */
  private static final int NOWHERE_TXINDEX = UtxoPos.MAX_TXS_PER_BLOCK - 1;

  /** What the cheat does to the next transaction. */
  record Armed(DemoAccount account, BigInteger amount) {}

  private final L1Client l1;
  private final Address contract;
  private final long chainId;
  private final JsonRpcClient operatorNode;
  private final Supplier<OperatorStatus> operatorStatus;
  private final Duration blockInterval;
  private Optional<Armed> armed = Optional.empty();

  /**
   * @param operatorNode the honest operator node's JSON-RPC (what it lists unspent)
   * @param operatorStatus the honest operator node's status (whether it is committing a block)
   * @param blockInterval how often the operator's node closes a block
   */
  WithholdingCheat(
      L1Client l1,
      Address contract,
      long chainId,
      JsonRpcClient operatorNode,
      Supplier<OperatorStatus> operatorStatus,
      Duration blockInterval) {
    this.l1 = l1;
    this.contract = contract;
    this.chainId = chainId;
    this.operatorNode = operatorNode;
    this.operatorStatus = operatorStatus;
    this.blockInterval = blockInterval;
  }

  /** Arms the cheat for the next transaction (replacing an earlier arming not used yet). */
  synchronized void arm(Armed cheat) {
    armed = Optional.of(cheat);
    LOG.warn(
        "Byzantine devnet: the next transaction sent to the operator goes into a withheld block"
            + " with a bogus output of {} wei for {} ({})",
        cheat.amount(),
        cheat.account().name(),
        cheat.account().address().toHex());
  }

  /**
   * Takes {@code signed} into a withheld block if the cheat is armed and {@code signed} is a valid
   * spend (each input unspent at the operator's node and signed by its owner); empty otherwise: the
   * operator's node is to take it.
   *
   * @return the answer to the sender: accepted at index 0 of block N
   * @throws JsonRpcException if committing N or starting the exit fails (the cheat stays armed)
   */
  synchronized Optional<Submitted> intercept(SignedTransaction signed) {
    if (armed.isEmpty() || !spendsOwnUnspentOutputs(signed)) {
      return Optional.empty();
    }
    Armed cheat = armed.get();
    awaitQuietOperator();
    Web3jRootChain asOperator = rootChain(DevnetAccounts.OPERATOR);
    long blknum = asOperator.nextChildBlock();
    SignedTransaction bogus = bogus(blknum, cheat);
    List<byte[]> block = List.of(TxCodec.encode(signed.tx()), TxCodec.encode(bogus.tx()));
    MerkleTree tree = MerkleTree.of(block);
    Hash32 commit = asOperator.submitBlock(tree.root());
    armed = Optional.empty(); // N is on L1 with T in it: T is accepted, whatever comes next
    Hash32 txHash = Keccak.keccak256(block.get(0));
    LOG.warn(
        "Byzantine devnet: committed block {} = [tx {}, a bogus tx minting {} wei for {}] (root {},"
            + " L1 tx {}) and withholds it",
        blknum,
        txHash.toHex(),
        cheat.amount(),
        cheat.account().name(),
        tree.root().toHex(),
        commit.toHex());
    startExit(cheat.account(), new UtxoPos(blknum, 1, 0), block, tree);
    return Optional.of(new Submitted(txHash, blknum, 0));
  }

  /** The account's standard exit of its bogus output; a failure is logged (N stays committed). */
  private void startExit(DemoAccount account, UtxoPos minted, List<byte[]> block, MerkleTree tree) {
    try {
      Hash32 exit =
          rootChain(account).startStandardExit(minted, block.get(1), tree.proof(1).toBytes());
      LOG.warn(
          "Byzantine devnet: {} started the exit of {} (L1 tx {})",
          account.name(),
          minted,
          exit.toHex());
    } catch (RuntimeException e) {
      LOG.error(
          "Byzantine devnet: {}'s exit of {} could not start ({}): block {} stays committed and"
              + " withheld",
          account.name(),
          minted,
          e.getMessage(),
          minted.blknum());
    }
  }

  /** Eve's output of {@code amount} from nothing, signed by her, in block {@code blknum}. */
  private SignedTransaction bogus(long blknum, Armed cheat) {
    UtxoPos nowhere = new UtxoPos(blknum, NOWHERE_TXINDEX, 0);
    Output minted = new Output(cheat.account().address(), Address.ZERO, cheat.amount());
    return new TransactionSigner(domain())
        .sign(
            PaymentTransaction.transfer(List.of(nowhere), List.of(minted)),
            List.of(cheat.account().privateKey()));
  }

  private boolean spendsOwnUnspentOutputs(SignedTransaction signed) {
    ValidationResult<List<Address>> signers =
        new SignatureChecker(domain(), new BouncyCastleSignerRecovery()).recoverSigners(signed);
    if (!signers.isValid()) {
      return false;
    }
    List<UtxoPos> inputs = signed.tx().inputs();
    for (int i = 0; i < inputs.size(); i++) {
      if (!unspentOutputsOf(signers.get().get(i)).contains(inputs.get(i))) {
        return false;
      }
    }
    return true;
  }

  private List<UtxoPos> unspentOutputsOf(Address owner) {
    List<UtxoPos> unspent = new ArrayList<>();
    for (UtxoResult utxo : operatorNode.callList(UtxoResult.class, "plasma_getUtxos", owner)) {
      if ("unspent".equals(utxo.status())) {
        unspent.add(utxo.utxoPos());
      }
    }
    return unspent;
  }

  /**
   * Waits until the operator's node has committed every block it closed and holds no transaction,
   * twice a block interval apart, so that its own submission of a block never races N's.
   */
  private void awaitQuietOperator() {
    Instant deadline = Instant.now().plus(QUIET_TIMEOUT);
    int quietChecks = 0;
    while (quietChecks < 2) {
      if (Instant.now().isAfter(deadline)) {
        throw new JsonRpcException(
            JsonRpcException.MAX_APPLICATION_ERROR,
            "byzantine devnet: the operator's node did not commit its own blocks within "
                + QUIET_TIMEOUT.toSeconds()
                + " s; send the transaction again once it has");
      }
      OperatorStatus status = operatorStatus.get();
      boolean quiet = status.mempoolSize() == 0 && status.height() == status.lastCommittedBlock();
      quietChecks = quiet ? quietChecks + 1 : 0;
      sleep(quiet ? blockInterval.plus(QUIET_POLL) : QUIET_POLL);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JsonRpcException(JsonRpcException.INTERNAL_ERROR, "interrupted");
    }
  }

  private Web3jRootChain rootChain(DemoAccount account) {
    return Web3jRootChain.signing(L1Sender.of(l1, account.privateKey(), chainId), contract);
  }

  private Eip712Domain domain() {
    return new Eip712Domain(contract, chainId);
  }
}
