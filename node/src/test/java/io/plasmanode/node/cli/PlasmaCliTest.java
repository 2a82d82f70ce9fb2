package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in-process, without network: key files, usage errors, help. */
class PlasmaCliTest {
  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void accountNew_writesAPrivateKeystoreIntoTheHomeDirectory() throws Exception {
    int exit = run(Map.of("PLASMA_PASSWORD", "pw"), "account", "new", "--light-kdf", "--json");
    assertThat(exit).as(err.toString()).isZero();
    Path keystoreDir = home.resolve("keystore");
    Path file;
    try (Stream<Path> files = Files.list(keystoreDir)) {
      file = files.findFirst().orElseThrow();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystoreDir)))
        .isEqualTo("rwx------");
    var json = CliCommand.JSON.readTree(out.toString());
    assertThat(json.get("keystore").asText()).isEqualTo(file.toString());
    var loaded =
        new KeySource(
                Optional.of(file),
                Optional.empty(),
                Map.of("PLASMA_PASSWORD", "pw"),
                PasswordPrompt.NONE)
            .load();
    assertThat(loaded.address().toHex()).isEqualTo(json.get("address").asText());
    assertThat(out.toString()).doesNotContain("pw\"");
  }

  @Test
  void accountNew_withoutAPasswordSourceFailsWithExitCode1() {
    int exit = run(Map.of(), "account", "new", "--light-kdf");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: no password").doesNotContain("Exception");
    assertThat(home.resolve("keystore")).doesNotExist();
  }

  @Test
  void badAmount_isAUsageError() {
    int exit =
        run(
            Map.of(),
            "transfer",
            "--to",
            "0x" + "22".repeat(20),
            "--amount",
            "0.5wei",
            "--rpc",
            "http://127.0.0.1:1");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --amount").contains("not a whole number of wei");
  }

  @Test
  void anEthAmountWithAFractionAndNoUnit_suggestsTheEthUnit() {
    int exit =
        run(
            Map.of(),
            "transfer",
            "--to",
            "0x" + "22".repeat(20),
            "--amount",
            "1.5",
            "--rpc",
            "http://127.0.0.1:1");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --amount").contains("write 1.5eth");
  }

  @Test
  void badAddressAndMissingOptions_areUsageErrors() {
    assertThat(run(Map.of(), "transfer", "--to", "0x12", "--amount", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("'0x12' is not an address");
    assertThat(run(Map.of(), "deposit")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--amount=AMOUNT'");
    assertThat(run(Map.of())).isEqualTo(2);
  }

  @Test
  void mixedCaseAddressWithAWrongChecksum_isAUsageErrorOnTheCommandLineAndInTheConfigFile()
      throws Exception {
    String good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    String typo = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
    String rpc = "http://127.0.0.1:1";
    assertThat(run(Map.of(), "transfer", "--to", typo, "--amount", "1eth", "--rpc", rpc))
        .isEqualTo(2);
    assertThat(err.toString()).contains(typo + " has a wrong EIP-55 checksum").doesNotContain(good);
    err.getBuffer().setLength(0);
    assertThat(run(Map.of(), "balance", "--address", typo.toLowerCase(), "--rpc", rpc))
        .isEqualTo(1);
    assertThat(err.toString()).doesNotContain("EIP-55");
    Path config = Files.writeString(home.resolve("typo.properties"), "contract=" + typo + "\n");
    err.getBuffer().setLength(0);
    assertThat(run(Map.of(), "exit", "list", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--contract").contains("wrong EIP-55 checksum");
  }

  @Test
  void transferWithoutAKey_failsBeforeContactingAnyone() {
    int exit =
        run(
            Map.of(),
            "transfer",
            "--to",
            "0x" + "22".repeat(20),
            "--amount",
            "1eth",
            "--rpc",
            "http://127.0.0.1:1");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: no key: pass --keystore FILE");
  }

  @Test
  void accountNew_inASharedDirectoryStillCreatesAnOwnerOnlyFileAndNothingElse() throws Exception {
    Path keystoreDir = Files.createDirectory(home.resolve("wallets"));
    Files.setPosixFilePermissions(keystoreDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    int exit =
        run(
            Map.of("PLASMA_PASSWORD", "pw"),
            "account",
            "new",
            "--light-kdf",
            "--keystore-dir",
            keystoreDir.toString(),
            "--json");
    assertThat(exit).as(err.toString()).isZero();
    var json = CliCommand.JSON.readTree(out.toString());
    Path file = Path.of(json.get("keystore").asText());
    try (Stream<Path> files = Files.list(keystoreDir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(file.getFileName().toString())
        .startsWith("UTC--")
        .endsWith("--" + json.get("address").asText().substring(2) + ".json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystoreDir)))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void sharedKeystore_isRefusedWithItsModeAndTheFixAndExitCode1() throws Exception {
    assertThat(run(Map.of("PLASMA_PASSWORD", "pw"), "account", "new", "--light-kdf", "--json"))
        .isZero();
    Path keystore = Path.of(CliCommand.JSON.readTree(out.toString()).get("keystore").asText());
    Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-r--r--"));
    err.getBuffer().setLength(0);
    int exit = run(Map.of(), "balance", "--keystore", keystore.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("plasma: keystore " + keystore + " is accessible by group or others (mode 0644)")
        .contains("chmod 600 " + keystore)
        .doesNotContain("Exception");
  }

  @Test
  void malformedEnvironmentKey_isExitCode1WithoutTheKeyInAnyOutput() {
    String key = "0x" + "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f3623";
    int exit = run(Map.of("PLASMA_PRIVATE_KEY", key), "balance", "--verbose");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("PLASMA_PRIVATE_KEY is not a private key")
        .contains("(it has 62 characters)");
    assertThat(err + out.toString()).doesNotContain(key.substring(2, 30));
  }

  @Test
  void help_describesEveryCommandAndTheConfiguration() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString())
        .contains("account", "deposit", "transfer", "utxos", "balance", "block", "status")
        .contains("PLASMA_<NAME>");
    assertThat(run(Map.of(), "transfer", "--help")).isZero();
    assertThat(out.toString()).contains("--wait", "--rpc", "--keystore", "config file");
  }

  private int run(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
