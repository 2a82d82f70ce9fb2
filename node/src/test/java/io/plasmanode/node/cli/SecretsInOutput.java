package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Checks that what a command printed holds none of the secrets it was given. */
final class SecretsInOutput {
  private SecretsInOutput() {}

  /**
   * Fails when {@code output} contains the key of {@code PLASMA_PRIVATE_KEY} (hex, any case, with
   * or without {@code 0x}) or the value of {@code PLASMA_PASSWORD} from {@code environment}.
   */
  static void assertNone(Map<String, String> environment, String output) {
    String key = environment.get(KeySource.PRIVATE_KEY_ENV);
    if (key != null) {
      String digits = key.strip().replaceFirst("^0[xX]", "");
      assertThat(output).as("a command's output").doesNotContainIgnoringCase(digits);
    }
    String password = environment.get(KeySource.PASSWORD_ENV);
    if (password != null) {
      assertThat(output).as("a command's output").doesNotContain(password);
    }
  }
}
