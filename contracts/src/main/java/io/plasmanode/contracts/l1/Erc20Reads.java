package io.plasmanode.contracts.l1;

import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

/** ERC20 reads ({@code balanceOf}, {@code allowance}) with {@code eth_call} at the latest block. */
final class Erc20Reads {
  private final L1Client client;

  Erc20Reads(L1Client client) {
    this.client = client;
  }

  Optional<BigInteger> balanceOf(Address token, Address holder) {
    return uint(token, new Function("balanceOf", List.of(address(holder)), uint256()));
  }

  Optional<BigInteger> allowance(Address token, Address owner, Address spender) {
    return uint(
        token, new Function("allowance", List.of(address(owner), address(spender)), uint256()));
  }

  @SuppressWarnings("rawtypes") // web3j's decoder returns raw Type values
  private Optional<BigInteger> uint(Address token, Function function) {
    Transaction call =
        Transaction.createEthCallTransaction(
            Address.ZERO.toHex(), token.toHex(), FunctionEncoder.encode(function));
    String result =
        L1Requests.send(
                function.getName(), client.web3j().ethCall(call, DefaultBlockParameterName.LATEST))
            .getValue();
    List<Type> decoded = FunctionReturnDecoder.decode(result, function.getOutputParameters());
    return decoded.isEmpty()
        ? Optional.empty()
        : Optional.of((BigInteger) decoded.get(0).getValue());
  }

  static org.web3j.abi.datatypes.Address address(Address address) {
    return new org.web3j.abi.datatypes.Address(address.toHex());
  }

  private static List<TypeReference<?>> uint256() {
    return List.of(new TypeReference<Uint256>() {});
  }
}
