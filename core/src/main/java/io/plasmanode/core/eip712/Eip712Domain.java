package io.plasmanode.core.eip712;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.nio.charset.StandardCharsets;

/**
 * The EIP-712 domain of a Plasma deployment: name "Plasma Node", version "1", the Plasma contract,
 * and {@code salt = bytes32(uint256(chainId))}, so a signature is bound to one chain and one
 * contract (docs/spec.md).
 *
 * @param verifyingContract the Plasma contract on L1
 * @param chainId the L1 chain id, >= 1
 */
public record Eip712Domain(Address verifyingContract, long chainId) {
  public static final String NAME = "Plasma Node";
  public static final String VERSION = "1";
  public static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,address verifyingContract,bytes32 salt)";

  private static final Hash32 DOMAIN_TYPE_HASH = keccak(DOMAIN_TYPE);
  private static final Hash32 NAME_HASH = keccak(NAME);
  private static final Hash32 VERSION_HASH = keccak(VERSION);

  public Eip712Domain {
    requireNonNull(verifyingContract, "verifyingContract");
    checkArgument(chainId >= 1, "chainId must be positive, got %s", chainId);
  }

  /** The domain separator: keccak256 of the abi-encoded domain struct. */
  public Hash32 separator() {
    return new AbiWords(5)
        .bytes32(DOMAIN_TYPE_HASH)
        .bytes32(NAME_HASH)
        .bytes32(VERSION_HASH)
        .address(verifyingContract)
        .uint256(chainId)
        .keccak256();
  }

  static Hash32 keccak(String text) {
    return Keccak.keccak256(text.getBytes(StandardCharsets.UTF_8));
  }
}
