package io.plasmanode.contracts.l1;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The Plasma contract's block commitments as the root committer reads them: its operator, {@code
 * nextChildBlock} at a chosen L1 block, and {@code BlockSubmitted} events found by block number or
 * L1 range (searched from the contract's deployment block on).
 */
@SuppressWarnings("rawtypes") // web3j's ABI decoder returns raw Type values
public final class PlasmaCommitments {
  private static final String BLOCK_SUBMITTED_TOPIC =
      EventEncoder.encode(Plasma.BLOCKSUBMITTED_EVENT);

  private final L1Client client;
  private final Address contract;
  private final long logsFromL1Block;

  /**
   * @param logsFromL1Block where searches for {@code BlockSubmitted} events start (the contract's
   *     deployment block; 0 searches everything)
   */
  public PlasmaCommitments(L1Client client, Address contract, long logsFromL1Block) {
    checkArgument(logsFromL1Block >= 0, "logsFromL1Block %s", logsFromL1Block);
    this.client = client;
    this.contract = contract;
    this.logsFromL1Block = logsFromL1Block;
  }

  /** The only address the contract accepts {@code submitBlock} from. */
  public Address operator() {
    List<Type> result =
        call(
            new Function(
                Plasma.FUNC_OPERATOR,
                List.of(),
                List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {})),
            DefaultBlockParameterName.LATEST);
    return Address.fromHex(result.get(0).toString());
  }

  /** The contract's {@code nextChildBlock} as of L1 block {@code l1Block}. */
  public long nextChildBlockAt(long l1Block) {
    List<Type> next =
        call(
            new Function(
                Plasma.FUNC_NEXTCHILDBLOCK, List.of(), List.of(new TypeReference<Uint256>() {})),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(l1Block)));
    return ((BigInteger) next.get(0).getValue()).longValueExact();
  }

  /** The latest {@code BlockSubmitted} event of child block {@code blknum}, if found. */
  public Optional<L1Event.BlockSubmitted> find(long blknum) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(logsFromL1Block)),
            DefaultBlockParameterName.LATEST,
            contract.toHex());
    filter.addSingleTopic(BLOCK_SUBMITTED_TOPIC);
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(blknum), 64));
    return logs(filter).stream().reduce((first, second) -> second);
  }

  /**
   * The {@code BlockSubmitted} events in L1 blocks {@code fromL1Block..toL1Block} (inclusive,
   * canonical chain), in log order; whoever sent them.
   */
  public List<L1Event.BlockSubmitted> between(long fromL1Block, long toL1Block) {
    checkArgument(fromL1Block <= toL1Block, "L1 blocks %s..%s", fromL1Block, toL1Block);
    if (toL1Block < logsFromL1Block) {
      return List.of(); // before the contract's deployment
    }
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(
                BigInteger.valueOf(Math.max(fromL1Block, logsFromL1Block))),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(toL1Block)),
            contract.toHex());
    filter.addSingleTopic(BLOCK_SUBMITTED_TOPIC);
    return logs(filter);
  }

  private List<L1Event.BlockSubmitted> logs(EthFilter filter) {
    return L1Requests.send("eth_getLogs", client.web3j().ethGetLogs(filter)).getLogs().stream()
        .map(result -> (Log) result.get())
        .filter(log -> contract.toHex().equalsIgnoreCase(log.getAddress()))
        .flatMap(log -> client.decode(log).stream())
        .filter(L1Event.BlockSubmitted.class::isInstance)
        .map(L1Event.BlockSubmitted.class::cast)
        .toList();
  }

  private List<Type> call(Function function, DefaultBlockParameter at) {
    Transaction tx =
        Transaction.createEthCallTransaction(
            Address.ZERO.toHex(), contract.toHex(), FunctionEncoder.encode(function));
    EthCall result =
        L1Requests.send("eth_call " + function.getName(), client.web3j().ethCall(tx, at));
    if (result.isReverted()) {
      throw L1Exception.failed(function.getName() + " reverted: " + result.getRevertReason());
    }
    return FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
  }
}
