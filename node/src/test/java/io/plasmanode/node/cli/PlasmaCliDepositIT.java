package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.PlasmaNetwork;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code plasma account new} and {@code plasma deposit} in-process against a real anvil with the
 * Plasma contract deployed: the keystore the command writes is the key the deposit is signed with,
 * and the contract's DepositCreated event has the right owner, token and amount.
 */
class PlasmaCliDepositIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final PrivateKey OPERATOR = TestKeys.CAROL;

  /** One anvil with the contract for the class. */
  @RegisterExtension
  static final PlasmaNetwork NET =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .build();

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private AnvilChain l1;

  @BeforeEach
  void l1() {
    l1 = NET.l1();
  }

  @Test
  void accountNewThenDepositOneEth_createsTheDepositForTheKeystoreAccount() throws Exception {
    Path passwordFile = Files.writeString(home.resolve("password"), "s3cret\n");
    Files.setPosixFilePermissions(
        passwordFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(
            run(
                Map.of(),
                "account",
                "new",
                "--light-kdf",
                "--json",
                "--password-file",
                passwordFile.toString()))
        .as(err.toString())
        .isZero();
    JsonNode account = CliCommand.JSON.readTree(out.toString());
    Path keystore = Path.of(account.get("keystore").asText());
    Address owner = Address.fromHex(account.get("address").asText());
    PrivateKey loaded =
        new KeySource(
                Optional.of(keystore), Optional.of(passwordFile), Map.of(), PasswordPrompt.NONE)
            .load();
    assertThat(loaded.address()).isEqualTo(owner);
    l1.fund(owner);

    out.getBuffer().setLength(0);
    int exit =
        run(
            Map.of("PLASMA_L1", l1.rpcUrl(), "PLASMA_CONTRACT", l1.contract().toHex()),
            "deposit",
            "--amount",
            "1eth",
            "--keystore",
            keystore.toString(),
            "--password-file",
            passwordFile.toString(),
            "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode result = CliCommand.JSON.readTree(out.toString());
    L1Event.Deposit deposit = onlyDepositIn(result.get("l1TxHash").asText());
    assertThat(deposit.owner()).isEqualTo(owner);
    assertThat(deposit.token()).isEqualTo(Address.ZERO);
    assertThat(deposit.amount()).isEqualTo(ETHER);
    assertThat(result.get("blknum").asLong()).isEqualTo(deposit.blknum());
    assertThat(result.get("utxoPos").asText())
        .isEqualTo(Long.toString(deposit.blknum() * 1_000_000L));
    assertThat(err.toString()).doesNotContain("s3cret");
  }

  @Test
  void depositOfAnErc20_approvesThenDepositsFrom() throws Exception {
    PrivateKey dave = TestKeys.DAVE;
    Address token = NET.scenario().deployToken(dave, BigInteger.valueOf(10_000), List.of(dave));

    int exit =
        run(
            Map.of("PLASMA_PRIVATE_KEY", Hex.encode(dave.toArray())),
            "deposit",
            "--amount",
            "2500",
            "--token",
            token.toHex(),
            "--l1",
            l1.rpcUrl(),
            "--contract",
            l1.contract().toHex(),
            "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode result = CliCommand.JSON.readTree(out.toString());
    assertThat(result.has("approveTxHash")).isTrue();
    L1Event.Deposit deposit = onlyDepositIn(result.get("l1TxHash").asText());
    assertThat(deposit.owner()).isEqualTo(dave.address());
    assertThat(deposit.token()).isEqualTo(token);
    assertThat(deposit.amount()).isEqualTo(BigInteger.valueOf(2500));
  }

  @Test
  void depositToAnAddressWithoutTheContract_failsWithAClearReason() {
    int exit =
        run(
            Map.of("PLASMA_PRIVATE_KEY", Hex.encode(TestKeys.ALICE.toArray())),
            "deposit",
            "--amount",
            "1eth",
            "--l1",
            l1.rpcUrl(),
            "--contract",
            "0x" + "42".repeat(20));
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("plasma: no contract at 0x4242")
        .doesNotContain("Exception");
  }

  private L1Event.Deposit onlyDepositIn(String l1TxHash) {
    Web3jRootChain chain = l1.as(OPERATOR);
    List<L1Event.Deposit> deposits =
        chain.events(0, chain.l1Height()).stream()
            .filter(L1Event.Deposit.class::isInstance)
            .map(L1Event.Deposit.class::cast)
            .filter(d -> d.origin().l1TxHash().toHex().equals(l1TxHash))
            .toList();
    assertThat(deposits).hasSize(1);
    return deposits.get(0);
  }

  private int run(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    SecretsInOutput.assertNone(environment, out + err.toString());
    return exit;
  }
}
