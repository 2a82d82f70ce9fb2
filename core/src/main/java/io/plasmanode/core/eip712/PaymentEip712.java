package io.plasmanode.core.eip712;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.List;

/**
 * The EIP-712 hash of a payment transaction, exactly as the L1 contract computes it (docs/spec.md):
 * four inputs and four outputs always, missing ones as all-zero structs.
 */
public final class PaymentEip712 {
  public static final String INPUT_TYPE = "Input(uint256 blknum,uint256 txindex,uint256 oindex)";
  public static final String OUTPUT_TYPE =
      "Output(uint256 outputType,bytes20 outputGuard,address currency,uint256 amount)";
  public static final String TX_TYPE =
      "Transaction(uint256 txType,Input input0,Input input1,Input input2,Input input3,"
          + "Output output0,Output output1,Output output2,Output output3,"
          + "uint256 txData,bytes32 metadata)"
          + INPUT_TYPE
          + OUTPUT_TYPE;

  static final Hash32 INPUT_TYPE_HASH = Eip712Domain.keccak(INPUT_TYPE);
  static final Hash32 OUTPUT_TYPE_HASH = Eip712Domain.keccak(OUTPUT_TYPE);
  static final Hash32 TX_TYPE_HASH = Eip712Domain.keccak(TX_TYPE);

  private static final Hash32 EMPTY_INPUT_HASH =
      new AbiWords(4).bytes32(INPUT_TYPE_HASH).uint256(0).uint256(0).uint256(0).keccak256();
  private static final Hash32 EMPTY_OUTPUT_HASH =
      new AbiWords(5)
          .bytes32(OUTPUT_TYPE_HASH)
          .uint256(0)
          .bytes20(Address.ZERO)
          .address(Address.ZERO)
          .uint256(0)
          .keccak256();

  private PaymentEip712() {}

  /**
   * {@code hashStruct(tx)}: keccak256 of the abi-encoded Transaction struct.
   *
   * @throws IllegalArgumentException if {@code tx} is a fee claim, which is never signed
   */
  public static Hash32 hashStruct(PaymentTransaction tx) {
    checkArgument(
        !tx.isFeeClaim(), "a fee-claim transaction has no signing hash: it is never signed");
    AbiWords words =
        new AbiWords(12).bytes32(TX_TYPE_HASH).uint256(PaymentTransaction.TX_TYPE_PAYMENT);
    List<UtxoPos> inputs = tx.inputs();
    for (int i = 0; i < PaymentTransaction.MAX_INPUTS; i++) {
      words.bytes32(i < inputs.size() ? hashInput(inputs.get(i)) : EMPTY_INPUT_HASH);
    }
    List<Output> outputs = tx.outputs();
    for (int i = 0; i < PaymentTransaction.MAX_OUTPUTS; i++) {
      words.bytes32(i < outputs.size() ? hashOutput(outputs.get(i)) : EMPTY_OUTPUT_HASH);
    }
    return words.uint256(0).bytes32(tx.metadata()).keccak256();
  }

  /** The digest an input's owner signs: {@code keccak256(0x19 0x01 || separator || hashStruct)}. */
  public static Hash32 signingHash(Eip712Domain domain, PaymentTransaction tx) {
    return signingHash(domain.separator(), tx);
  }

  /** {@link #signingHash(Eip712Domain, PaymentTransaction)} with a precomputed separator. */
  public static Hash32 signingHash(Hash32 domainSeparator, PaymentTransaction tx) {
    byte[] message = new byte[2 + 2 * Hash32.SIZE];
    message[0] = 0x19;
    message[1] = 0x01;
    domainSeparator.copyTo(message, 2);
    hashStruct(tx).copyTo(message, 2 + Hash32.SIZE);
    return Keccak.keccak256(message);
  }

  private static Hash32 hashInput(UtxoPos pos) {
    return new AbiWords(4)
        .bytes32(INPUT_TYPE_HASH)
        .uint256(pos.blknum())
        .uint256(pos.txindex())
        .uint256(pos.oindex())
        .keccak256();
  }

  private static Hash32 hashOutput(Output output) {
    return new AbiWords(5)
        .bytes32(OUTPUT_TYPE_HASH)
        .uint256(Output.OUTPUT_TYPE_PAYMENT)
        .bytes20(output.owner())
        .address(output.token())
        .uint256(output.amount())
        .keccak256();
  }
}
