package io.plasmanode.node.watcher;

import io.plasmanode.contracts.l1.ContractCall;
import io.plasmanode.contracts.l1.ContractCalls;
import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.InFlightContractCalls;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Sender;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.contracts.l1.SignedTx;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.Optional;

/**
 * {@link ChallengeChannel} over the L1 gateway: challenges are EIP-1559 transactions signed by the
 * challenger's {@link L1Sender} (deterministic signatures: the same nonce, fees and call give the
 * same hash) and sent raw, as the committer's submissions are. Exits are read through the watcher's
 * {@link RootChain} reader.
 */
final class L1ChallengeChannel implements ChallengeChannel {
  private final L1Sender challenger;
  private final L1Client client;
  private final Address contract;
  private final RootChain reader;
  private final long gasLimit;

  L1ChallengeChannel(L1Sender challenger, Address contract, RootChain reader, long gasLimit) {
    this.challenger = challenger;
    this.client = challenger.client();
    this.contract = contract;
    this.reader = reader;
    this.gasLimit = gasLimit;
  }

  @Override
  public Address sender() {
    return challenger.address();
  }

  @Override
  public long l1Height() {
    return client.head();
  }

  @Override
  public long minedNonce() {
    return client.minedNonce(sender());
  }

  @Override
  public BigInteger balance() {
    return client.balance(sender());
  }

  @Override
  public long gasLimit() {
    return gasLimit;
  }

  @Override
  public Fees suggestedFees() {
    return client.suggestedFees();
  }

  @Override
  public ExitState exit(UtxoPos exitId) {
    return reader.exit(exitId);
  }

  @Override
  public Optional<InFlightExitState> inFlightExit(InFlightExitId exitId) {
    return reader.inFlightExit(exitId);
  }

  @Override
  public Optional<String> simulate(ChallengeCall call) {
    return challenger.revertOf(contractCall(call), gasLimit);
  }

  @Override
  public SignedChallenge sign(ChallengeCall call, long nonce, Fees fees) {
    SignedTx signed = challenger.sign(contractCall(call), nonce, fees, gasLimit);
    return new SignedChallenge(signed.txHash(), nonce, fees, signed.rawHex());
  }

  private ContractCall contractCall(ChallengeCall call) {
    return switch (call) {
      case ChallengeCall.StandardExit standard ->
          ContractCalls.challengeStandardExit(
              contract,
              sender(),
              standard.challenge().exitId(),
              standard.challenge().spendingTxBytes(),
              standard.challenge().inputIndex(),
              standard.challenge().signature());
      case ChallengeCall.NotCanonical c ->
          InFlightContractCalls.challengeNotCanonical(contract, sender(), c.args());
      case ChallengeCall.Respond c ->
          InFlightContractCalls.respond(contract, sender(), c.inFlightTx(), c.inclusion());
      case ChallengeCall.InputSpent c ->
          InFlightContractCalls.challengeInputSpent(contract, sender(), c.args());
      case ChallengeCall.OutputSpent c ->
          InFlightContractCalls.challengeOutputSpent(contract, sender(), c.args());
    };
  }

  @Override
  public SendResult send(SignedChallenge signed) {
    return challenger.send(new SignedTx(signed.txHash(), signed.rawHex()));
  }

  @Override
  public Optional<ChallengeReceipt> receipt(Hash32 txHash) {
    return client.receipt(txHash).map(r -> new ChallengeReceipt(txHash, r.l1Block(), r.success()));
  }

  @Override
  public boolean known(Hash32 txHash) {
    return client.known(txHash);
  }

  @Override
  public String revertReason(Hash32 txHash) {
    return client.revertReason(txHash);
  }
}
