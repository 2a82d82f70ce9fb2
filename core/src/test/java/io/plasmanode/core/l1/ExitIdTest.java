package io.plasmanode.core.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitIdTest {
  private static final InFlightExitId IFE =
      InFlightExitId.ofTxHash(Hash32.fromHex("ff".repeat(32)));

  @Test
  void fromBigInteger_tellsTheKindsApart() {
    UtxoPos pos = new UtxoPos(UtxoPos.MAX_BLKNUM, 65_535, 3);

    assertThat(ExitId.fromBigInteger(BigInteger.valueOf(pos.toLong()))).contains(ExitId.of(pos));
    assertThat(ExitId.fromBigInteger(IFE.value())).contains(ExitId.of(IFE));
    assertThat(ExitId.of(pos).value()).isEqualTo(BigInteger.valueOf(pos.toLong()));
    assertThat(ExitId.of(IFE).value()).isEqualTo(IFE.value());
    assertThat(ExitId.of(pos)).hasToString(pos.toString());
  }

  @Test
  void fromBigInteger_isEmptyForNoneAndForWordsOfNeitherKind() {
    assertThat(ExitId.fromBigInteger(BigInteger.ZERO)).isEmpty();
    assertThat(ExitId.fromBigInteger(BigInteger.valueOf(1_000_004))).as("oindex 4").isEmpty();
    assertThat(ExitId.fromBigInteger(BigInteger.ONE.shiftLeft(128))).isEmpty();
    assertThat(ExitId.fromBigInteger(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE)))
        .isEmpty();
  }

  @Test
  void inFlightEvents_checkTheirSlotIndexes() {
    L1Event.L1Origin origin = new L1Event.L1Origin(1, Hash32.ZERO, 0);

    assertThatThrownBy(
            () -> new L1Event.InFlightExitOutputPiggybacked(origin, IFE, Address.ZERO, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new L1Event.InFlightExitChallenged(
                    origin, IFE, Address.ZERO, -1, Hash32.ZERO, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new L1Event.InFlightExitProcessed(origin, IFE, Address.ZERO, true, 256, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
