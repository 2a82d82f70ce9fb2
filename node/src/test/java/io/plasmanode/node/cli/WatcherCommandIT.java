package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.node.testing.PlasmaNetwork;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code plasma watcher} against a real anvil: timings that do not fit the exit period. */
class WatcherCommandIT {
  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(TestKeys.CAROL).exitPeriod(Duration.ofMinutes(2)).build();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aSafetyMarginLongerThanTheContractsExitPeriod_isRefusedNamingTheFix() {
    int exit = run("--safety-margin", "1d");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("--safety-margin 1d does not fit the contract's exit period 2m")
        .contains("use at most --safety-margin")
        .contains("the default for this contract is 30s");
  }

  @Test
  void aChallengeRetryThatFillsTheExitPeriod_isRefusedNamingTheFix() {
    int exit = run("--challenge-retry-after", "5m");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("--challenge-retry-after 5m")
        .contains("use at most --challenge-retry-after 12s");
  }

  private int run(String... timing) {
    AnvilChain l1 = net.l1();
    Path home = net.dir();
    CommandLine cli = new CommandLine(new PlasmaCli(Map.of(), home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] args = {
      "watcher",
      "--l1",
      l1.rpcUrl(),
      "--contract",
      l1.contract().toHex(),
      "--data-dir",
      home.resolve("watcher").toString(),
      "--rpc-port",
      "0",
      "--p2p-port",
      "0",
      "--finality-margin",
      "0"
    };
    String[] all = new String[args.length + timing.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(timing, 0, all, args.length, timing.length);
    return cli.execute(all);
  }
}
