package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the arguments of {@code startInFlightExit} for a signed transaction: for each input, the
 * transaction that created it with its inclusion proof, from a watcher ({@code watcher_getExitData}
 * of the input's position) for outputs of child blocks, and rebuilt from L1's DepositCreated event
 * for deposits (the contract's deposit block holds that one transaction); the witnesses are the
 * transaction's own signatures. Checks what the contract would refuse first, in plain words.
 */
final class InFlightExitBuilder {
  private final ExitL1 session;
  private final WatcherOptions watcher;
  private final long fromBlock;
  private Optional<Map<Long, L1Event.Deposit>> deposits = Optional.empty();

  InFlightExitBuilder(ExitL1 session, WatcherOptions watcher, long fromBlock) {
    this.session = session;
    this.watcher = watcher;
    this.fromBlock = fromBlock;
  }

  /**
   * The start of {@code signed}'s in-flight exit.
   *
   * @throws CliException when an input cannot be proven, or the contract would refuse the exit
   */
  InFlightExitStart build(SignedTransaction signed) {
    PaymentTransaction tx = signed.tx();
    if (tx.isDeposit()) {
      throw new CliException(
          "a deposit transaction has no inputs, so it cannot exit in flight"
              + " (DepositCannotExitInFlight): exit its output with plasma exit start --utxo POS");
    }
    if (tx.isFeeClaim()) {
      throw new CliException(
          "a fee-claim transaction cannot exit in flight (the contract takes payments only):"
              + " exit its output with plasma exit start --utxo POS");
    }
    List<InFlightExitStart.Input> inputs = new ArrayList<>();
    List<Output> spent = new ArrayList<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      UtxoPos pos = tx.inputs().get(i);
      ExitData data = pos.isDeposit() ? depositData(i, pos) : childData(i, pos);
      spent.add(spentOutput(i, pos, data));
      inputs.add(
          new InFlightExitStart.Input(
              Bytes.of(data.txBytes()), pos, Bytes.of(data.proof()), signed.signatures().get(i)));
    }
    checkWitnesses(signed, spent);
    checkAmounts(tx, spent);
    return new InFlightExitStart(Bytes.of(TxCodec.encode(tx)), inputs);
  }

  private ExitData depositData(int index, UtxoPos pos) {
    L1Event.Deposit deposit = deposits().get(pos.blknum());
    if (deposit == null || pos.txindex() != 0 || pos.oindex() != 0) {
      throw new CliException(
          ("input %d (%s) is no deposit: L1 has no DepositCreated event for deposit block %d since"
                  + " L1 block %d (see --from-block)")
              .formatted(index, pos, pos.blknum(), fromBlock));
    }
    byte[] txBytes =
        TxCodec.encode(
            PaymentTransaction.deposit(
                new Output(deposit.owner(), deposit.token(), deposit.amount())));
    return ExitData.of(pos, txBytes, MerkleTree.of(List.of(txBytes)).proof(0).toBytes());
  }

  private Map<Long, L1Event.Deposit> deposits() {
    if (deposits.isEmpty()) {
      Map<Long, L1Event.Deposit> byBlock = new HashMap<>();
      session.events(fromBlock, L1Event.Deposit.class).forEach(d -> byBlock.put(d.blknum(), d));
      deposits = Optional.of(byBlock);
    }
    return deposits.get();
  }

  private ExitData childData(int index, UtxoPos pos) {
    try (WatcherClient client = watcher.client()) {
      return client.exitData(pos);
    } catch (CliException e) {
      if (!(e.getCause() instanceof JsonRpcException answer
          && answer.code() == WatcherClient.NO_SUCH_OUTPUT)) {
        throw e;
      }
      throw new CliException(unknownInput(index, pos, watcher.watcher()), e);
    }
  }

  /** Why an input the watcher does not know cannot be proven: withheld, or nonexistent. */
  private String unknownInput(int index, UtxoPos pos, URI endpoint) {
    boolean onL1 = session.chain().block(pos.blknum()).isPresent();
    return onL1
        ? ("input %d (%s): block %d is committed on L1, but the watcher at %s has not validated"
                + " it: the operator may be withholding it (watcher_status shows"
                + " block_withholding), or the watcher is still syncing. An in-flight exit needs"
                + " an inclusion proof of every input: it cannot start until a source serves that"
                + " block")
            .formatted(index, pos, pos.blknum(), endpoint)
        : ("input %d (%s) does not exist: block %d is not committed on L1, so the transaction can"
                + " never be included, and there is nothing to exit")
            .formatted(index, pos, pos.blknum());
  }

  private static Output spentOutput(int index, UtxoPos pos, ExitData data) {
    return data.output()
        .orElseThrow(
            () ->
                new CliException(
                    "input %d (%s): the transaction that should create it has no output %d"
                        .formatted(index, pos, pos.oindex())));
  }

  /** Each witness must be its input's owner's signature for this contract and chain. */
  private void checkWitnesses(SignedTransaction signed, List<Output> spent) {
    Eip712Domain domain = new Eip712Domain(session.chain().contractAddress(), session.chainId());
    ValidationResult<List<Address>> signers =
        new SignatureChecker(domain, new BouncyCastleSignerRecovery()).recoverSigners(signed);
    if (!signers.isValid()) {
      throw new CliException("the transaction's signatures are invalid: " + signers);
    }
    for (int i = 0; i < spent.size(); i++) {
      Address signer = signers.get().get(i);
      if (!signer.equals(spent.get(i).owner())) {
        throw new CliException(
            ("signature %d recovers to %s, but input %d (%s) belongs to %s: the transaction was"
                    + " signed for another contract or chain, or by the wrong key; the contract"
                    + " would refuse it (WitnessNotInputOwner)")
                .formatted(i, signer, i, signed.tx().inputs().get(i), spent.get(i).owner()));
      }
    }
  }

  /** Per token, the outputs may not add up to more than the inputs. */
  private static void checkAmounts(PaymentTransaction tx, List<Output> spent) {
    Map<Address, BigInteger> balance = new HashMap<>();
    spent.forEach(in -> balance.merge(in.token(), in.amount(), BigInteger::add));
    tx.outputs().forEach(out -> balance.merge(out.token(), out.amount().negate(), BigInteger::add));
    balance.forEach(
        (token, left) -> {
          if (left.signum() < 0) {
            throw new CliException(
                "the outputs of token %s add up to %s more than the inputs (OutputsExceedInputs)"
                    .formatted(token, left.negate()));
          }
        });
  }
}
