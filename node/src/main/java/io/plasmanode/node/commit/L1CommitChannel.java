package io.plasmanode.node.commit;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.contracts.l1.ContractCalls;
import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Receipt;
import io.plasmanode.contracts.l1.L1Sender;
import io.plasmanode.contracts.l1.PlasmaCommitments;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.List;
import java.util.Optional;

/**
 * {@link CommitChannel} over the L1 gateway. Submissions are EIP-1559 transactions signed by the
 * operator's {@link L1Sender} with exactly the nonce and fees the committer chose (a replacement
 * must raise both by at least 10%). The gas limit is fixed: {@code submitBlock} costs about 45k gas
 * on every call (one new storage slot).
 */
public final class L1CommitChannel implements CommitChannel {
  /** A safe gas limit for {@code submitBlock} (~45k used). */
  public static final long DEFAULT_GAS_LIMIT = 100_000;

  private final L1Sender operator;
  private final L1Client client;
  private final Address contract;
  private final Web3jRootChain plasma;
  private final PlasmaCommitments commitments;
  private final long gasLimit;

  /**
   * @param operator the operator's sender; used for nothing but {@code submitBlock}
   * @param contract the Plasma contract
   * @param gasLimit the gas limit of a submission (see {@link #DEFAULT_GAS_LIMIT})
   * @param logsFromL1Block where searches for {@code BlockSubmitted} events start (the contract's
   *     deployment block; 0 searches everything)
   */
  public L1CommitChannel(L1Sender operator, Address contract, long gasLimit, long logsFromL1Block) {
    checkArgument(gasLimit >= 30_000, "gas limit %s too low for submitBlock", gasLimit);
    this.operator = operator;
    this.client = operator.client();
    this.contract = contract;
    this.plasma = Web3jRootChain.readOnly(client, contract);
    this.commitments = new PlasmaCommitments(client, contract, logsFromL1Block);
    this.gasLimit = gasLimit;
  }

  @Override
  public Address sender() {
    return operator.address();
  }

  @Override
  public Address contractOperator() {
    return commitments.operator();
  }

  @Override
  public ChainAnchor anchor() {
    long l1Block = client.head();
    long nonce = client.nonceAt(sender(), l1Block);
    return new ChainAnchor(l1Block, commitments.nextChildBlockAt(l1Block), nonce);
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
  public long pendingNonce() {
    return client.pendingNonce(sender());
  }

  @Override
  public Optional<Hash32> storedRoot(long blknum) {
    return plasma.block(blknum).map(BlockCommitment::rootHigh224);
  }

  @Override
  public Optional<SubmittedBlock> findSubmission(long blknum) {
    return commitments.find(blknum).map(L1CommitChannel::submitted);
  }

  @Override
  public List<SubmittedBlock> submissions(long fromL1Block, long toL1Block) {
    return commitments.between(fromL1Block, toL1Block).stream()
        .map(L1CommitChannel::submitted)
        .toList();
  }

  @Override
  public Fees suggestedFees() {
    return client.suggestedFees();
  }

  @Override
  public SendResult submitBlock(Hash32 root, long nonce, Fees fees) {
    return operator.send(
        operator.sign(ContractCalls.submitBlock(contract, root), nonce, fees, gasLimit));
  }

  @Override
  public Optional<SubmissionReceipt> receipt(Hash32 txHash) {
    return client.receipt(txHash, contract).map(L1CommitChannel::submissionReceipt);
  }

  private static SubmissionReceipt submissionReceipt(L1Receipt receipt) {
    return new SubmissionReceipt(
        receipt.txHash(),
        receipt.l1Block(),
        receipt.success(),
        receipt.gasUsed(),
        receipt.events().stream()
            .filter(L1Event.BlockSubmitted.class::isInstance)
            .map(event -> submitted((L1Event.BlockSubmitted) event))
            .toList());
  }

  private static SubmittedBlock submitted(L1Event.BlockSubmitted event) {
    return new SubmittedBlock(
        event.blknum(), event.root(), event.origin().l1TxHash(), event.origin().l1Block());
  }

  @Override
  public String revertReason(Hash32 txHash) {
    return client.revertReason(txHash);
  }
}
