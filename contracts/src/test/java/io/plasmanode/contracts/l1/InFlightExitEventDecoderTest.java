package io.plasmanode.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.generated.PlasmaInFlightExits;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Every in-flight exit event decoded from a log ABI-encoded as the contract emits it: topic 0 the
 * event's signature, the indexed arguments as topics, the rest ABI-encoded as data.
 */
@SuppressWarnings("rawtypes") // web3j's ABI encoder takes raw Type values
class InFlightExitEventDecoderTest {
  private static final L1EventDecoder DECODER = new L1EventDecoder();
  private static final InFlightExitId ID = InFlightExitId.ofTxHash(Hash32.fromHex("ab".repeat(32)));
  private static final Address WHO = Address.fromHex("0x00000000000000000000000000000000000000a1");
  private static final Address TOKEN =
      Address.fromHex("0x00000000000000000000000000000000000000e2");
  private static final Hash32 L1_TX = Hash32.fromHex("11".repeat(32));
  private static final Hash32 HASH = Hash32.fromHex("22".repeat(32));
  private static final UtxoPos POS = new UtxoPos(3000, 7, 0);
  private static final L1Event.L1Origin ORIGIN = new L1Event.L1Origin(42, L1_TX, 5);

  private static Log log(Event event, List<String> indexed, List<Type> data) {
    Log log = new Log();
    log.setBlockNumber("0x2a");
    log.setTransactionHash(L1_TX.toHex());
    log.setLogIndex("0x5");
    List<String> topics = new ArrayList<>();
    topics.add(EventEncoder.encode(event));
    topics.addAll(indexed);
    log.setTopics(topics);
    log.setData("0x" + FunctionEncoder.encodeConstructor(data));
    return log;
  }

  private static String word(BigInteger value) {
    return Numeric.toHexStringWithPrefixZeroPadded(value, 64);
  }

  private static String word(Address address) {
    return word(new BigInteger(1, address.toArray()));
  }

  private static Uint256 pos(UtxoPos pos) {
    return new Uint256(pos.toLong());
  }

  private static L1Event decode(Log log) {
    return DECODER.decode(log).orElseThrow();
  }

  @Test
  void started_withTheTxAndEachWitness() {
    byte[] tx = {(byte) 0xf8, 1, 2, 3};
    Signature first = Signature.of(filled(65, 1));
    Signature second = Signature.of(filled(65, 2));
    byte[] witnesses = concat(first.toArray(), second.toArray());
    Log log =
        log(
            PlasmaInFlightExits.INFLIGHTEXITSTARTED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(
                new Bytes32(HASH.toArray()),
                pos(POS),
                new DynamicBytes(tx),
                new DynamicBytes(witnesses)));

    assertThat(decode(log))
        .isEqualTo(
            new L1Event.InFlightExitStarted(
                ORIGIN, ID, WHO, HASH, POS, Bytes.of(tx), List.of(first, second)));
  }

  @Test
  void started_withWitnessesNotOf65BytesEach_isRefused() {
    Log log =
        log(
            PlasmaInFlightExits.INFLIGHTEXITSTARTED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(
                new Bytes32(HASH.toArray()),
                pos(POS),
                new DynamicBytes(new byte[] {1}),
                new DynamicBytes(new byte[64])));

    assertThatThrownBy(() -> DECODER.decode(log))
        .isInstanceOf(L1Exception.class)
        .hasMessageContaining("64 bytes of witnesses");
  }

  @Test
  void piggybacks() {
    Log input =
        log(
            PlasmaInFlightExits.INFLIGHTEXITINPUTPIGGYBACKED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(new Uint8(3)));
    Log output =
        log(
            PlasmaInFlightExits.INFLIGHTEXITOUTPUTPIGGYBACKED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(new Uint8(2)));

    assertThat(decode(input))
        .isEqualTo(new L1Event.InFlightExitInputPiggybacked(ORIGIN, ID, WHO, 3));
    assertThat(decode(output))
        .isEqualTo(new L1Event.InFlightExitOutputPiggybacked(ORIGIN, ID, WHO, 2));
  }

  @Test
  void challenged_byAnIncludedOrAnInFlightCompetitor() {
    Log included =
        log(
            PlasmaInFlightExits.INFLIGHTEXITCHALLENGED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(new Uint8(1), new Bytes32(HASH.toArray()), pos(POS)));
    Log inFlight =
        log(
            PlasmaInFlightExits.INFLIGHTEXITCHALLENGED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(new Uint8(1), new Bytes32(HASH.toArray()), new Uint256(0)));

    assertThat(decode(included))
        .isEqualTo(new L1Event.InFlightExitChallenged(ORIGIN, ID, WHO, 1, HASH, Optional.of(POS)));
    assertThat(decode(inFlight))
        .isEqualTo(new L1Event.InFlightExitChallenged(ORIGIN, ID, WHO, 1, HASH, Optional.empty()));
  }

  @Test
  void responded() {
    Log log =
        log(
            PlasmaInFlightExits.INFLIGHTEXITCHALLENGERESPONDED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(pos(POS)));

    assertThat(decode(log))
        .isEqualTo(new L1Event.InFlightExitChallengeResponded(ORIGIN, ID, WHO, POS));
  }

  @Test
  void blocked() {
    Log input =
        log(
            PlasmaInFlightExits.INFLIGHTEXITINPUTBLOCKED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(new Uint8(2)));
    Log output =
        log(
            PlasmaInFlightExits.INFLIGHTEXITOUTPUTBLOCKED_EVENT,
            List.of(word(ID.value()), word(WHO)),
            List.of(new Uint8(1)));

    assertThat(decode(input)).isEqualTo(new L1Event.InFlightExitInputBlocked(ORIGIN, ID, WHO, 2));
    assertThat(decode(output)).isEqualTo(new L1Event.InFlightExitOutputBlocked(ORIGIN, ID, WHO, 1));
  }

  @Test
  void deleted() {
    Log log =
        log(PlasmaInFlightExits.INFLIGHTEXITDELETED_EVENT, List.of(word(ID.value())), List.of());

    assertThat(decode(log)).isEqualTo(new L1Event.InFlightExitDeleted(ORIGIN, ID));
  }

  @Test
  void processed_withItsPaidSlots() {
    Log log =
        log(
            PlasmaInFlightExits.INFLIGHTEXITPROCESSED_EVENT,
            List.of(word(ID.value()), word(TOKEN)),
            List.of(new Bool(true), new Uint8(0b0010_0001), new Bool(false)));

    L1Event.InFlightExitProcessed processed = (L1Event.InFlightExitProcessed) decode(log);
    assertThat(processed)
        .isEqualTo(new L1Event.InFlightExitProcessed(ORIGIN, ID, TOKEN, true, 0b0010_0001, false));
    assertThat(processed.inputPaid(0)).isTrue();
    assertThat(processed.inputPaid(1)).isFalse();
    assertThat(processed.outputPaid(1)).isTrue();
    assertThat(processed.outputPaid(0)).isFalse();
  }

  @Test
  void anExitIdWithoutTheInFlightFlag_isRefused() {
    Log log =
        log(
            PlasmaInFlightExits.INFLIGHTEXITDELETED_EVENT,
            List.of(word(BigInteger.valueOf(POS.toLong()))),
            List.of());

    assertThatThrownBy(() -> DECODER.decode(log))
        .isInstanceOf(L1Exception.class)
        .hasMessageContaining("invalid in-flight exit id");
  }

  @Test
  void revertDecoder_namesTheModulesErrors() {
    String selector =
        org.web3j.abi.CustomErrorEncoder.encode(PlasmaInFlightExits.PHASEONEOVER_ERROR);

    assertThat(RevertDecoder.PLASMA.errorName(selector)).contains("PhaseOneOver");
    assertThat(RevertDecoder.PLASMA.decode("piggybackInFlightExitOnInput", selector).errorName())
        .contains("PhaseOneOver");
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
