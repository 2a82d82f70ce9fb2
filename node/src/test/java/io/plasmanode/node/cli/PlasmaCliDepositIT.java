package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Address;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * {@code plasma account new} and {@code plasma deposit} in-process against a real anvil with the
 * Plasma contract deployed: the keystore the command writes is the key the deposit is signed with,
 * and the contract's DepositCreated event has the right owner, token and amount.
 */
class PlasmaCliDepositIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(5_000_000);
  private static final PrivateKey OPERATOR = TestKeys.CAROL;

  private static AnvilProcess anvil;
  private static HttpService http;
  private static Web3j web3j;
  private static Address contract;

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void deploy() {
    anvil = AnvilProcess.start();
    http = new HttpService(anvil.rpcUrl());
    web3j = Web3j.build(http);
    Plasma plasma =
        PlasmaDeployer.deploy(
            web3j,
            manager(OPERATOR),
            new StaticGasProvider(GAS_PRICE, GAS_LIMIT),
            OPERATOR.address(),
            Duration.ofSeconds(100),
            ETHER.divide(BigInteger.TEN));
    contract = Address.fromHex(plasma.getContractAddress());
  }

  @AfterAll
  static void stop() {
    if (web3j != null) {
      web3j.shutdown();
    }
    if (anvil != null) {
      anvil.close();
    }
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
    Credentials loaded =
        new KeySource(
                Optional.of(keystore),
                Optional.of(passwordFile),
                Map.of(),
                PasswordPrompt.NONE,
                w -> {})
            .load();
    assertThat(loaded.getAddress()).isEqualTo(owner.toHex());
    fund(owner);

    out.getBuffer().setLength(0);
    int exit =
        run(
            Map.of("PLASMA_L1", anvil.rpcUrl(), "PLASMA_CONTRACT", contract.toHex()),
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
        .isEqualTo(Long.toString(deposit.blknum() * 1_000_000_000L));
    assertThat(err.toString()).doesNotContain("s3cret");
  }

  @Test
  void depositOfAnErc20_approvesThenDepositsFrom() throws Exception {
    PrivateKey dave = TestKeys.DAVE;
    Address token = deployTestToken(dave);
    send(
        dave,
        token,
        FunctionEncoder.encode(
            new Function(
                "mint",
                List.of(
                    new org.web3j.abi.datatypes.Address(dave.address().toHex()),
                    new Uint256(10_000)),
                List.of())));

    int exit =
        run(
            Map.of("PLASMA_PRIVATE_KEY", Numeric.toHexString(dave.toArray())),
            "deposit",
            "--amount",
            "2500",
            "--token",
            token.toHex(),
            "--l1",
            anvil.rpcUrl(),
            "--contract",
            contract.toHex(),
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
            Map.of("PLASMA_PRIVATE_KEY", Numeric.toHexString(TestKeys.ALICE.toArray())),
            "deposit",
            "--amount",
            "1eth",
            "--l1",
            anvil.rpcUrl(),
            "--contract",
            "0x" + "42".repeat(20));
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("plasma: no contract at 0x4242")
        .doesNotContain("Exception");
  }

  private L1Event.Deposit onlyDepositIn(String l1TxHash) {
    Web3jRootChain chain =
        new Web3jRootChain(
            web3j,
            PlasmaDeployer.load(
                contract, web3j, manager(OPERATOR), new StaticGasProvider(GAS_PRICE, GAS_LIMIT)),
            OPERATOR.address());
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
    return cli.execute(args);
  }

  private static Address deployTestToken(PrivateKey deployer) throws Exception {
    Path anvilPath = Path.of(System.getProperty("plasma.anvil", "../contracts/tools/anvil"));
    Path bin =
        anvilPath.toAbsolutePath().getParent().getParent().resolve("out/Mocks.sol/TestToken.bin");
    assertThat(bin).as("TestToken bytecode (forge build in contracts/)").exists();
    TransactionReceipt receipt =
        send(deployer, null, "0x" + Files.readString(bin).strip().replaceFirst("^0x", ""));
    return Address.fromHex(receipt.getContractAddress());
  }

  private static TransactionReceipt send(PrivateKey key, Address to, String data) throws Exception {
    RawTransactionManager manager = manager(key);
    String hash =
        manager
            .sendTransaction(
                GAS_PRICE, GAS_LIMIT, to == null ? null : to.toHex(), data, BigInteger.ZERO)
            .getTransactionHash();
    TransactionReceipt receipt =
        new PollingTransactionReceiptProcessor(web3j, 50, 200).waitForTransactionReceipt(hash);
    assertThat(receipt.isStatusOK()).as("L1 tx " + hash).isTrue();
    return receipt;
  }

  private static RawTransactionManager manager(PrivateKey key) {
    return new RawTransactionManager(
        web3j,
        Credentials.create(Numeric.toHexString(key.toArray())),
        AnvilProcess.CHAIN_ID,
        new PollingTransactionReceiptProcessor(web3j, 50, 200));
  }

  private static void fund(Address who) throws Exception {
    VoidResponse response =
        new Request<>(
                "anvil_setBalance",
                List.of(who.toHex(), "0x" + ETHER.multiply(BigInteger.TEN).toString(16)),
                http,
                VoidResponse.class)
            .send();
    assertThat(response.hasError()).isFalse();
  }
}
