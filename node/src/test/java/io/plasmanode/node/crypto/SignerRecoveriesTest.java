package io.plasmanode.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import fr.acinq.secp256k1.Secp256k1;
import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Hash32;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class SignerRecoveriesTest {
  private static final Hash32 DIGEST = Keccak.keccak256(new byte[] {42});

  @Test
  void best_onThisLinuxMachine_isNative() {
    SignerRecovery best = SignerRecoveries.best();

    assertThat(best).isInstanceOf(NativeSignerRecovery.class).isSameAs(SignerRecoveries.best());
    assertThat(best.recover(DIGEST, TestKeys.BOB.sign(DIGEST))).contains(TestKeys.BOB.address());
  }

  @Test
  void choose_whenTheLibraryLoads_isNative() {
    assertThat(SignerRecoveries.choose(Secp256k1::get)).isInstanceOf(NativeSignerRecovery.class);
  }

  @Test
  void choose_whenTheLibraryCannotLoad_fallsBackToBouncyCastle() {
    SignerRecovery recovery =
        SignerRecoveries.choose(
            () -> {
              throw new UnsatisfiedLinkError("no secp256k1-jni in java.library.path");
            });

    assertThat(recovery).isInstanceOf(BouncyCastleSignerRecovery.class);
    assertThat(recovery.recover(DIGEST, TestKeys.BOB.sign(DIGEST)))
        .contains(TestKeys.BOB.address());
  }

  @Test
  void choose_whenTheLoaderThrows_fallsBackToBouncyCastle() {
    assertThat(
            SignerRecoveries.choose(
                () -> {
                  throw new IllegalStateException("No native library found");
                }))
        .isInstanceOf(BouncyCastleSignerRecovery.class);
  }

  @Test
  void choose_whenTheLibraryFailsTheSelfTest_fallsBackToBouncyCastle() {
    assertThat(SignerRecoveries.choose(() -> libraryRecovering(new byte[65])))
        .isInstanceOf(BouncyCastleSignerRecovery.class);
    assertThat(SignerRecoveries.choose(() -> libraryRecovering(new byte[33])))
        .isInstanceOf(BouncyCastleSignerRecovery.class);
  }

  /** A fake library whose ecdsaRecover always answers {@code publicKey}. */
  private static Secp256k1 libraryRecovering(byte[] publicKey) {
    return (Secp256k1)
        Proxy.newProxyInstance(
            Secp256k1.class.getClassLoader(),
            new Class<?>[] {Secp256k1.class},
            (proxy, method, args) -> {
              if (method.getName().equals("ecdsaRecover")) {
                return publicKey.clone();
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
