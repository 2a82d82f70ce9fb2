package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.FeeStatus;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import io.plasmanode.node.testing.OperatorStatusBuilder;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plasma status} shows the operator's fees from {@code plasma_status}. */
class StatusFeesIT {
  private static final Address CLAIMER = TestKeys.DAVE.address();
  private static final Address TOKEN =
      Address.fromHex("0x00000000000000000000000000000000000070c0");

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final TransactionSubmitter refusesAll =
      new TransactionSubmitter() {
        @Override
        public SubmitResult submit(byte[] signedTxBytes) {
          throw new UnsupportedOperationException("status only");
        }

        @Override
        public List<SubmitResult> submitAll(List<byte[]> signedTxBytes) {
          throw new UnsupportedOperationException("status only");
        }
      };
  private final JsonRpcServer server =
      new JsonRpcServer(
          PlasmaRpcMethods.create(
              new ChainStore(new InMemoryKeyValueStore()),
              refusesAll,
              () ->
                  OperatorStatusBuilder.of(TestKeys.CAROL.address(), 31337)
                      .fees(
                          new FeeStatus(
                              Optional.of(CLAIMER),
                              Map.of(
                                  Address.ZERO,
                                  BigInteger.valueOf(2_000_000_000_000L),
                                  TOKEN,
                                  BigInteger.valueOf(6)),
                              Map.of(Address.ZERO, BigInteger.valueOf(3_000_000_000_000L))))
                      .build()));
  private final String endpoint =
      "http://127.0.0.1:" + server.start(JsonRpcServerConfig.defaults());

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void status_showsWhoClaimsTheFees_whatWasCollected_andTheClaimersBalance() {
    CommandLine cli = new CommandLine(new PlasmaCli(Map.of(), home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("status", "--rpc", endpoint)).isZero();

    assertThat(out.toString())
        .contains("fees:               claimed by " + CLAIMER.toHex())
        .contains(
            "collected:        0.000002 ETH, 6 (base units) of token 0x00000000000000000000000000000000000070c0")
        .contains("claimer balance:  0.000003 ETH")
        .contains("alarms:             none");
  }
}
