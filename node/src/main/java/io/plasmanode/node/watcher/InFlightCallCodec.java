package io.plasmanode.node.watcher;

import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.storage.kv.StorageException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * The fields of an in-flight exit game's call ({@link ChallengeCall.InFlight}) in a saved {@link
 * PendingChallenge}: a kind byte (1 not canonical, 2 respond, 3 input spent, 4 output spent), then
 * the contract arguments in order.
 */
final class InFlightCallCodec {
  private InFlightCallCodec() {}

  static void write(DataOutputStream out, ChallengeCall call) throws IOException {
    switch (call) {
      case ChallengeCall.NotCanonical c -> {
        NonCanonicalChallenge a = c.args();
        out.writeByte(1);
        bytes(out, a.inFlightTx());
        out.writeByte(a.inputIndex());
        bytes(out, a.competingTx());
        out.writeByte(a.competingTxInputIndex());
        out.writeBoolean(a.competitorInclusion().isPresent());
        if (a.competitorInclusion().isPresent()) {
          inclusion(out, a.competitorInclusion().get());
        }
        out.write(a.competingTxWitness().toArray());
      }
      case ChallengeCall.Respond c -> {
        out.writeByte(2);
        bytes(out, c.inFlightTx());
        inclusion(out, c.inclusion());
      }
      case ChallengeCall.InputSpent c -> {
        InputSpentChallenge a = c.args();
        out.writeByte(3);
        bytes(out, a.inFlightTx());
        out.writeByte(a.inputIndex());
        bytes(out, a.challengingTx());
        out.writeByte(a.challengingTxInputIndex());
        out.write(a.challengingTxWitness().toArray());
      }
      case ChallengeCall.OutputSpent c -> {
        OutputSpentChallenge a = c.args();
        out.writeByte(4);
        bytes(out, a.inFlightTx());
        inclusion(out, a.inFlightTxInclusion());
        out.writeByte(a.outputIndex());
        bytes(out, a.challengingTx());
        out.writeByte(a.challengingTxInputIndex());
        out.write(a.challengingTxWitness().toArray());
      }
      case ChallengeCall.StandardExit standard ->
          throw new StorageException("a standard exit's challenge is not an in-flight call");
    }
  }

  static ChallengeCall read(DataInputStream in) throws IOException {
    int kind = in.readUnsignedByte();
    return switch (kind) {
      case 1 -> {
        Bytes tx = bytes(in);
        int inputIndex = in.readUnsignedByte();
        Bytes competing = bytes(in);
        int competingIndex = in.readUnsignedByte();
        Optional<TxInclusion> inclusion =
            in.readBoolean() ? Optional.of(inclusion(in)) : Optional.empty();
        yield new ChallengeCall.NotCanonical(
            new NonCanonicalChallenge(
                tx, inputIndex, competing, competingIndex, inclusion, signature(in)));
      }
      case 2 -> new ChallengeCall.Respond(bytes(in), inclusion(in));
      case 3 ->
          new ChallengeCall.InputSpent(
              new InputSpentChallenge(
                  bytes(in),
                  in.readUnsignedByte(),
                  bytes(in),
                  in.readUnsignedByte(),
                  signature(in)));
      case 4 ->
          new ChallengeCall.OutputSpent(
              new OutputSpentChallenge(
                  bytes(in),
                  inclusion(in),
                  in.readUnsignedByte(),
                  bytes(in),
                  in.readUnsignedByte(),
                  signature(in)));
      default -> throw new StorageException("unknown in-flight call kind " + kind);
    };
  }

  private static void inclusion(DataOutputStream out, TxInclusion inclusion) throws IOException {
    out.writeLong(inclusion.txPos().toLong());
    bytes(out, inclusion.proof());
  }

  private static TxInclusion inclusion(DataInputStream in) throws IOException {
    long pos = in.readLong();
    UtxoPos txPos =
        UtxoPos.fromLong(pos).orElseThrow(() -> new StorageException("corrupt position " + pos));
    return new TxInclusion(txPos, bytes(in));
  }

  private static Signature signature(DataInputStream in) throws IOException {
    return Signature.of(in.readNBytes(Signature.SIZE));
  }

  private static void bytes(DataOutputStream out, Bytes bytes) throws IOException {
    out.writeInt(bytes.size());
    out.write(bytes.toArray());
  }

  private static Bytes bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new StorageException("corrupt length " + length);
    }
    return Bytes.of(in.readNBytes(length));
  }
}
