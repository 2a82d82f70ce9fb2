package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.loadgen.BenchConfig;
import io.plasmanode.node.loadgen.BenchException;
import io.plasmanode.node.loadgen.BenchResult;
import io.plasmanode.node.loadgen.LoadGenerator;
import io.plasmanode.node.loadgen.OperatorProbe;
import io.plasmanode.node.rpc.RpcResults;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plasma bench}: an end-to-end load generator against a running operator. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Load-tests a running operator over its JSON-RPC API, as clients use it: deposits once on"
          + " L1 from the funder key, fans the deposit out on the child chain to --accounts"
          + " accounts (keys derived from --seed), pre-signs --txs transfers (1 or 2 inputs),"
          + " submits them over --connections connections in batches of --batch, optionally"
          + " paced to --rate, and waits for the last block to be committed on L1.",
      "Reports accepted tx/s (also as a ratio to one core's signer recovery rate, measured"
          + " first), submit latency percentiles, block build time (from"
          + " plasma_status), L1 commit latency, the operator's peak RSS (--operator-pid) and bytes on disk per tx"
          + " (--operator-data-dir), and with --operator-metrics the operator's own figures (block"
          + " build and write times, journal fsyncs, server-side submit times); --out writes them"
          + " as JSON. scripts/bench runs it on a fresh devnet."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class BenchCommand extends CliCommand {
  private static final BigInteger UNIT = BigInteger.TEN.pow(9);

  @Option(
      names = "--accounts",
      paramLabel = "N",
      defaultValue = "100",
      description = "Paying accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--txs",
      paramLabel = "M",
      defaultValue = "10000",
      description = "Measured transfers (default: ${DEFAULT-VALUE}).")
  int txs;

  @Option(
      names = "--two-input-percent",
      paramLabel = "P",
      defaultValue = "0",
      description = "Share of 2-input transfers, 0..100 (default: ${DEFAULT-VALUE}).")
  int twoInputPercent;

  @Option(
      names = "--connections",
      paramLabel = "K",
      defaultValue = "4",
      description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "100",
      description =
          "Transactions per plasma_submitTransactions request (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--rate",
      paramLabel = "TX/S",
      defaultValue = "0",
      description = "Pace submissions to this many tx/s; 0: as fast as answered (default).")
  double rate;

  @Option(
      names = "--seed",
      paramLabel = "TEXT",
      defaultValue = "plasma-bench",
      description = "Derives the bench accounts' keys (default: ${DEFAULT-VALUE}).")
  String seed;

  @Option(
      names = "--drain-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "How long to wait for blocks to close and commit (default: ${DEFAULT-VALUE} s).")
  long drainTimeoutSeconds;

  @Option(
      names = "--no-fees",
      description =
          "Pay no fees: measure an operator that charges none (it stops at once if plasma_getFees"
              + " lists a fee). Without it, every transaction pays the ETH fee the operator asks"
              + " for, if any.")
  boolean noFees;

  @Option(
      names = "--baseline-seconds",
      paramLabel = "SECONDS",
      defaultValue = "3",
      description =
          "First measure this machine's single-core signer recovery rate (the operator's"
              + " secp256k1 library, one thread) for this long, and print every throughput also as"
              + " a ratio to it: 1.00x = one core's worth of signature recovery; 0: no ratios"
              + " (default: ${DEFAULT-VALUE}).")
  double baselineSeconds;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the result as JSON here.")
  Path out;

  @Option(
      names = "--operator-pid",
      paramLabel = "PID",
      description = "The operator's process id, for its peak RSS (/proc/PID/status VmHWM).")
  Long operatorPid;

  @Option(
      names = "--operator-data-dir",
      paramLabel = "DIR",
      description = "The operator's data directory, for bytes on disk per transaction.")
  Path operatorDataDir;

  @Option(
      names = "--operator-metrics",
      paramLabel = "URL",
      description =
          "The operator's Prometheus metrics endpoint (the /metrics URL of its metrics port),"
              + " read before and after the measured phase.")
  URI operatorMetrics;

  @Option(
      names = "--funder-keystore",
      paramLabel = "FILE",
      description =
          "Keystore of the L1 account paying the deposit. Without it, PLASMA_PRIVATE_KEY.")
  Path funderKeystore;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the funder keystore's password (default: PLASMA_PASSWORD).")
  Path passwordFile;

  @Mixin L1Options l1;
  @Mixin RpcOptions rpc;

  @Override
  protected void run() {
    BenchConfig config =
        new BenchConfig(
            accounts,
            txs,
            twoInputPercent,
            connections,
            batch,
            rate,
            seed,
            UNIT,
            drainTimeoutSeconds,
            !noFees,
            baselineSeconds);
    PrivateKey funder =
        new KeySource(
                Optional.ofNullable(funderKeystore),
                Optional.ofNullable(passwordFile),
                environment(),
                PasswordPrompt.console())
            .load();
    OperatorProbe probe =
        new OperatorProbe(
            operatorPid == null ? OptionalLong.empty() : OptionalLong.of(operatorPid),
            Optional.ofNullable(operatorDataDir),
            Optional.ofNullable(operatorMetrics));
    BenchResult result;
    try (L1Session session = L1Session.signing(l1.l1(), funder)) {
      Web3jRootChain plasma = session.rootChain(contract(session));
      result =
          new LoadGenerator(rpc.rpc(), config, probe, err())
              .run((owner, amount) -> fund(session, plasma, owner, amount));
    } catch (BenchException e) {
      throw new CliException("bench: " + e.getMessage(), e);
    }
    if (out != null) {
      result.write(out);
    }
    print(result.summary() + (out == null ? "" : "%n  result:          %s".formatted(out)), result);
  }

  private UtxoPos fund(L1Session session, Web3jRootChain plasma, Address owner, BigInteger amount) {
    byte[] depositTx =
        TxCodec.encode(PaymentTransaction.deposit(new Output(owner, Address.ZERO, amount)));
    L1Event.Deposit deposit = session.depositOf(plasma, plasma.deposit(depositTx, amount));
    UtxoPos position = new UtxoPos(deposit.blknum(), 0, 0);
    try (OperatorClient operator = rpc.client()) {
      return awaitPresent(
          () ->
              operator.utxos(owner).stream()
                  .map(RpcResults.UtxoResult::utxoPos)
                  .filter(position::equals)
                  .findFirst(),
          drainTimeoutSeconds,
          () -> "the operator at %s did not credit deposit %s".formatted(rpc.rpc(), position));
    }
  }

  private Address contract(L1Session session) {
    if (l1.contract().isPresent()) {
      return l1.contract().get();
    }
    try (OperatorClient operator = rpc.client()) {
      RpcResults.Status status = operator.status();
      if (status.chainId() != session.chainId()) {
        throw new CliException(
            "the operator at %s runs on chain %d, but the L1 at %s is chain %d: check --l1/--rpc"
                .formatted(rpc.rpc(), status.chainId(), l1.l1(), session.chainId()));
      }
      return status.contract();
    }
  }
}
