package io.plasmanode.node.devnet;

import io.plasmanode.contracts.l1.Keystores;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The devnet's accounts (anvil's public test keys, never real ones): the operator, the demo users
 * alice, bob and carol, the challenger whose key the devnet's watcher sends challenges with, and
 * eve, the byzantine operator's accomplice in the demonstrations of {@code plasma devnet
 * --byzantine}. Each gets a keystore under {@code keystore/} (light scrypt, password {@link
 * #PASSWORD}), and each but the operator a CLI config file ({@code alice.properties}, ...).
 */
final class DevnetAccounts {
  /** The password of every devnet keystore: these keys are anvil's public test keys anyway. */
  static final String PASSWORD = "devnet";

  static final DemoAccount OPERATOR =
      new DemoAccount(
          "operator", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  /** The users of the demo: tokens are minted to them. */
  static final List<DemoAccount> USERS =
      List.of(
          new DemoAccount(
              "alice", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
          new DemoAccount(
              "bob", "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
          new DemoAccount(
              "carol", "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"));

  /** anvil's account 4: only the devnet's watcher sends with it (challenges), and wins bonds. */
  static final DemoAccount CHALLENGER =
      new DemoAccount(
          "challenger", "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");

  /**
   * anvil's account 5: whom a byzantine devnet's cheat mints outputs for (the README's walkthrough
   * of a withheld block); no DEV tokens.
   */
  static final DemoAccount EVE =
      new DemoAccount("eve", "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");

  /** Every account with a keystore; each but the operator also has a CLI config file. */
  static final List<DemoAccount> ALL =
      List.of(OPERATOR, USERS.get(0), USERS.get(1), USERS.get(2), CHALLENGER, EVE);

  /** The account named {@code name}, if the devnet has one. */
  static Optional<DemoAccount> named(String name) {
    return ALL.stream().filter(account -> account.name().equals(name)).findFirst();
  }

  /** A named account; the key is anvil's well-known test key, never a real one. */
  record DemoAccount(String name, String privateKeyHex) {
    PrivateKey privateKey() {
      return PrivateKey.fromHex(privateKeyHex);
    }

    Address address() {
      return privateKey().address();
    }
  }

  private DevnetAccounts() {}

  static Path keystore(Path dir, DemoAccount account) {
    return dir.resolve("keystore").resolve(account.name() + ".json");
  }

  static Path passwordFile(Path dir) {
    return dir.resolve("password");
  }

  static Path configFile(Path dir, DemoAccount account) {
    return dir.resolve(account.name() + ".properties");
  }

  /**
   * Writes each account's keystore and the shared password file, created 0600 (the CLI refuses key
   * files others can read), unless they exist from an earlier start.
   */
  static void writeKeystores(Path dir) {
    DevnetFiles.createPrivateDirectory(dir.resolve("keystore"));
    DevnetFiles.writePrivateFileIfAbsent(passwordFile(dir), PASSWORD + "\n");
    for (DemoAccount account : ALL) {
      Path file = keystore(dir, account);
      if (Files.exists(file)) {
        continue;
      }
      DevnetFiles.writePrivateFileIfAbsent(
          file, Keystores.encrypt(account.privateKey(), PASSWORD, Keystores.Kdf.LIGHT) + "\n");
    }
  }

  /** The key in {@code account}'s keystore file, with the password from the password file. */
  static PrivateKey loadKey(Path dir, DemoAccount account) {
    Path file = keystore(dir, account);
    try {
      String password = Files.readAllLines(passwordFile(dir)).getFirst();
      return Keystores.decrypt(file, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read keystore " + file, e);
    } catch (Keystores.WrongPasswordException e) {
      throw new IllegalStateException(
          "cannot decrypt " + file + " with the password in " + passwordFile(dir), e);
    }
  }

  /**
   * One CLI config file per account but the operator ({@code plasma --config
   * .devnet/alice.properties ...}); {@code watcher=} when the devnet runs a watcher.
   */
  static void writeClientConfigs(
      Path dir, String operatorRpc, String l1, Address contract, Optional<String> watcherRpc) {
    for (DemoAccount account : ALL.subList(1, ALL.size())) {
      Properties config = new Properties();
      config.setProperty("rpc", operatorRpc);
      config.setProperty("l1", l1);
      config.setProperty("contract", contract.toHex());
      watcherRpc.ifPresent(url -> config.setProperty("watcher", url));
      config.setProperty("keystore", keystore(dir, account).toString());
      config.setProperty("password-file", passwordFile(dir).toString());
      // Its sent transactions belong to this devnet's chain: a redeploy deletes them with it.
      config.setProperty("wallet-dir", dir.resolve("wallet").resolve(account.name()).toString());
      DevnetFiles.writeProperties(
          configFile(dir, account),
          config,
          "plasma CLI settings for the devnet account " + account.name());
    }
  }
}
