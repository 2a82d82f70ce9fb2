package io.plasmanode.node.devnet;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.io.MoreFiles;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.keys.KeyFiles;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.node.storage.ChainCheckMode;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * A whole chain on this machine: anvil on 127.0.0.1 (its state kept in the devnet directory), the
 * Plasma contract with a short exit period, the operator, and demo accounts with keystores and
 * ready-made CLI config files. A second start resumes (same L1 state, same operator database); when
 * the L1 state is gone the contract is redeployed and the operator database reset with it.
 */
public final class Devnet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);

  /** The password of every devnet keystore: these keys are anvil's public test keys anyway. */
  public static final String PASSWORD = "devnet";

  static final String MARKER = "devnet.properties";

  /** anvil's default accounts 0..3 (public test keys, funded with 10,000 ETH each). */
  static final List<DemoAccount> ACCOUNTS =
      List.of(
          new DemoAccount(
              "operator", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
          new DemoAccount(
              "alice", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
          new DemoAccount(
              "bob", "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
          new DemoAccount(
              "carol", "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"));

  /** A named account; the key is anvil's well-known test key, never a real one. */
  record DemoAccount(String name, String privateKeyHex) {
    Credentials credentials() {
      return Credentials.create(privateKeyHex);
    }

    Address address() {
      return Address.fromHex(credentials().getAddress());
    }
  }

  /**
   * @param dir the devnet's directory (anvil state, contract address, keystores, operator data)
   * @param anvil the anvil executable
   * @param l1Port anvil's port
   * @param rpcPort the operator's JSON-RPC port
   * @param exitPeriod the contract's minimum exit period
   * @param exitBond the contract's exit bond in wei
   * @param blockInterval how often the operator closes a non-empty block
   * @param reset start from scratch, deleting the directory's previous devnet
   */
  public record Options(
      Path dir,
      Path anvil,
      int l1Port,
      int rpcPort,
      Duration exitPeriod,
      BigInteger exitBond,
      Duration blockInterval,
      boolean reset) {}

  private final Options options;
  private final AnvilProcess anvil;
  private final OperatorNode operator;
  private final Address contract;

  private Devnet(Options options, AnvilProcess anvil, OperatorNode operator, Address contract) {
    this.options = options;
    this.anvil = anvil;
    this.operator = operator;
    this.contract = contract;
  }

  /** Starts (or resumes) the devnet; everything it started is stopped again if a step fails. */
  public static Devnet start(Options options) {
    Path dir = options.dir().toAbsolutePath();
    if (options.reset()) {
      reset(dir);
    }
    createPrivateDirectory(dir);
    writeMarkerIfNew(dir);
    AnvilProcess anvil =
        AnvilProcess.start(
            options.anvil(),
            options.l1Port(),
            "--state",
            dir.resolve("anvil-state.json").toString(),
            "--state-interval",
            "2");
    // Devnet.close() stops the operator before anvil; anvil's own hook would race it.
    anvil.removeShutdownHook();
    OperatorNode operator = null;
    try {
      Deployment deployment = deployOrResume(dir, anvil.rpcUrl(), options);
      writeKeystores(dir);
      OperatorConfig config =
          new OperatorConfig(
              URI.create(anvil.rpcUrl()),
              deployment.contract(),
              dir.resolve("operator"),
              "127.0.0.1",
              options.rpcPort(),
              options.blockInterval(),
              0,
              0,
              Duration.ofMillis(500),
              deployment.l1Block(),
              BigInteger.valueOf(500).multiply(BigInteger.TEN.pow(9)),
              10_000,
              HttpServerLimits.defaults(),
              BlockProducerConfig.DEFAULT_MAX_PENDING_VERIFICATIONS,
              ChainCheckMode.QUICK);
      operator = OperatorNode.start(config, ACCOUNTS.get(0).credentials());
      Devnet devnet = new Devnet(options, anvil, operator, deployment.contract());
      devnet.writeClientConfigs(dir);
      return devnet;
    } catch (RuntimeException e) {
      if (operator != null) {
        operator.close();
      }
      anvil.close();
      throw e;
    }
  }

  private record Deployment(Address contract, long l1Block) {}

  /**
   * Reuses the contract recorded in the marker file if L1 still has it; otherwise deploys a new one
   * and resets the operator database, which belonged to the lost L1 state.
   */
  private static Deployment deployOrResume(Path dir, String l1Url, Options options) {
    Web3j web3j = Web3j.build(new HttpService(l1Url));
    try {
      Properties marker = readProperties(dir.resolve(MARKER));
      Optional<Deployment> previous =
          Optional.ofNullable(marker.getProperty("contract"))
              .map(
                  address ->
                      new Deployment(
                          Address.fromHex(address),
                          Long.parseLong(marker.getProperty("deployBlock", "0"))));
      if (previous.isPresent() && hasCode(web3j, previous.get().contract())) {
        LOG.info("Resuming the devnet of contract {}", previous.get().contract());
        return previous.get();
      }
      Path operatorData = dir.resolve("operator");
      if (Files.exists(operatorData)) {
        LOG.warn("The L1 state of the previous devnet is gone: resetting the operator database");
        deleteTree(operatorData);
      }
      DemoAccount deployer = ACCOUNTS.get(0);
      long l1Block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
      Plasma plasma =
          PlasmaDeployer.deploy(
              web3j,
              new RawTransactionManager(web3j, deployer.credentials(), AnvilProcess.CHAIN_ID),
              new StaticGasProvider(
                  BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(6_000_000)),
              deployer.address(),
              options.exitPeriod(),
              options.exitBond());
      Deployment deployment = new Deployment(Address.fromHex(plasma.getContractAddress()), l1Block);
      marker.setProperty("contract", deployment.contract().toHex());
      marker.setProperty("deployBlock", Long.toString(l1Block));
      writeProperties(dir.resolve(MARKER), marker, "plasma devnet: the deployed contract");
      LOG.info(
          "Deployed Plasma at {} (exit period {} s, bond {} wei)",
          deployment.contract(),
          options.exitPeriod().toSeconds(),
          options.exitBond());
      return deployment;
    } catch (IOException e) {
      throw new UncheckedIOException("talking to anvil at " + l1Url, e);
    } finally {
      web3j.shutdown();
    }
  }

  private static boolean hasCode(Web3j web3j, Address contract) throws IOException {
    String code =
        web3j.ethGetCode(contract.toHex(), DefaultBlockParameterName.LATEST).send().getCode();
    return code != null && !code.equals("0x");
  }

  /**
   * Writes each demo account's keystore (light scrypt) and the shared password file, created 0600
   * (the CLI refuses key files others can read), unless they exist from an earlier start.
   */
  private static void writeKeystores(Path dir) {
    Path keystores = dir.resolve("keystore");
    createPrivateDirectory(keystores);
    writePrivateFile(dir.resolve("password"), PASSWORD + "\n");
    for (DemoAccount account : ACCOUNTS) {
      Path file = keystores.resolve(account.name() + ".json");
      if (Files.exists(file)) {
        continue;
      }
      try {
        WalletFile wallet = Wallet.createLight(PASSWORD, account.credentials().getEcKeyPair());
        writePrivateFile(
            file, ObjectMapperFactory.getObjectMapper().writeValueAsString(wallet) + "\n");
      } catch (CipherException | IOException e) {
        throw new IllegalStateException("cannot write keystore " + file, e);
      }
    }
  }

  /** One CLI config file per demo account: {@code plasma --config .devnet/alice.properties ...}. */
  private void writeClientConfigs(Path dir) {
    for (DemoAccount account : ACCOUNTS.subList(1, ACCOUNTS.size())) {
      Properties config = new Properties();
      config.setProperty("rpc", rpcUrl());
      config.setProperty("l1", anvil.rpcUrl());
      config.setProperty("contract", contract.toHex());
      config.setProperty(
          "keystore", dir.resolve("keystore").resolve(account.name() + ".json").toString());
      config.setProperty("password-file", dir.resolve("password").toString());
      writeProperties(
          dir.resolve(account.name() + ".properties"),
          config,
          "plasma CLI settings for the devnet account " + account.name());
    }
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + operator.rpcPort();
  }

  public String l1Url() {
    return anvil.rpcUrl();
  }

  public Address contract() {
    return contract;
  }

  public OperatorNode operator() {
    return operator;
  }

  /** What to print once the devnet runs: endpoints, accounts and the commands to try next. */
  public String banner() {
    Path dir = options.dir();
    List<String> lines = new ArrayList<>();
    lines.add("plasma devnet is running (Ctrl-C stops it; it resumes on the next start)");
    lines.add("  L1 (anvil)        " + l1Url() + "  chain id " + AnvilProcess.CHAIN_ID);
    lines.add("  Plasma contract   " + contract.toHex());
    lines.add("  operator JSON-RPC " + rpcUrl());
    lines.add("  exit period       " + options.exitPeriod().toSeconds() + " s");
    lines.add("  data              " + dir);
    lines.add(
        "accounts (10,000 ETH each on L1; keystore password in " + dir.resolve("password") + "):");
    for (DemoAccount account : ACCOUNTS.subList(1, ACCOUNTS.size())) {
      lines.add(
          "  %-6s %s  --config %s"
              .formatted(
                  account.name(),
                  account.address().toHex(),
                  dir.resolve(account.name() + ".properties")));
    }
    Path alice = dir.resolve("alice.properties");
    lines.add("try, in another shell:");
    lines.add("  scripts/plasma deposit --config " + alice + " --amount 1eth --wait");
    lines.add("  scripts/plasma balance --config " + alice);
    lines.add(
        "  scripts/plasma transfer --config "
            + alice
            + " --to "
            + ACCOUNTS.get(2).address().toHex()
            + " --amount 0.25eth --wait");
    lines.add("  scripts/plasma balance --config " + dir.resolve("bob.properties"));
    lines.add("  scripts/plasma status --config " + alice);
    return String.join(System.lineSeparator(), lines);
  }

  /**
   * Stops the operator (closing its open block), then anvil (which saves its state). Call it from a
   * shutdown hook: anvil is not stopped at JVM exit otherwise.
   */
  @Override
  public void close() {
    try {
      operator.close();
    } finally {
      anvil.close();
    }
  }

  private static void reset(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    checkArgument(
        Files.exists(dir.resolve(MARKER)) || isEmpty(dir),
        "%s is not a devnet directory (no %s): not deleting it",
        dir,
        MARKER);
    LOG.info("Resetting the devnet in {}", dir);
    deleteTree(dir);
  }

  private static void writeMarkerIfNew(Path dir) {
    Path marker = dir.resolve(MARKER);
    if (!Files.exists(marker)) {
      writeProperties(marker, new Properties(), "plasma devnet");
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createPrivateDirectory(Path dir) {
    try {
      KeyFiles.createOwnerOnlyDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Creates {@code file} 0600 with {@code content}; a file left by an earlier start is kept. */
  private static void writePrivateFile(Path file, String content) {
    if (Files.exists(file)) {
      return;
    }
    try {
      KeyFiles.writeOwnerOnly(file, content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Properties readProperties(Path file) {
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return properties;
  }

  private static void writeProperties(Path file, Properties properties, String comment) {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, comment);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void deleteTree(Path root) {
    try {
      MoreFiles.deleteRecursively(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
