package io.plasmanode.contracts.l1;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.plasmanode.core.crypto.PrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.utils.Numeric;

/**
 * web3j/geth keystore files (scrypt, version 3): encrypting a key into one and decrypting one back.
 * Where the file and its password come from, and who may read them, is the caller's concern.
 */
public final class Keystores {
  private Keystores() {}

  /** How hard the keystore's scrypt is to brute-force. */
  public enum Kdf {
    /** geth's light parameters: fast, weaker; devnets and tests. */
    LIGHT,
    /** geth's standard parameters: for keys that guard real funds. */
    STANDARD
  }

  /** The password does not decrypt the keystore (its MAC does not match). */
  public static final class WrongPasswordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrongPasswordException(Path file) {
      super("wrong password for keystore " + file);
    }
  }

  /** {@code key} encrypted with {@code password}, as keystore JSON. */
  public static String encrypt(PrivateKey key, String password, Kdf kdf) {
    ECKeyPair keyPair = ECKeyPair.create(key.toArray());
    try {
      WalletFile wallet =
          kdf == Kdf.LIGHT
              ? Wallet.createLight(password, keyPair)
              : Wallet.createStandard(password, keyPair);
      return ObjectMapperFactory.getObjectMapper().writeValueAsString(wallet);
    } catch (CipherException e) {
      throw new IllegalStateException("cannot encrypt the key: " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write keystore JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The key in keystore {@code file}.
   *
   * @throws WrongPasswordException if {@code password} does not decrypt it
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the file is no valid keystore
   */
  public static PrivateKey decrypt(Path file, String password) {
    try {
      return privateKey(WalletUtils.loadCredentials(password, file.toFile()));
    } catch (CipherException e) {
      throw new WrongPasswordException(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read keystore " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(Credentials credentials) {
    return PrivateKey.of(Numeric.toBytesPadded(credentials.getEcKeyPair().getPrivateKey(), 32));
  }

  static Credentials credentials(PrivateKey key) {
    return Credentials.create(ECKeyPair.create(key.toArray()));
  }
}
