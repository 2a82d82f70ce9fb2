package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Hex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One user's {@code plasma} command line, run in-process as {@code bin/plasma} runs it: the user's
 * key and endpoints in the environment (never on the command line), the user's own home (so each
 * has their own wallet record of sent transactions), {@code --json} output parsed.
 *
 * @param key the user's key ({@code PLASMA_PRIVATE_KEY})
 * @param home the user's plasma home, where the wallet keeps sent transactions
 * @param l1 the L1 node ({@code PLASMA_L1})
 * @param contract the Plasma contract ({@code PLASMA_CONTRACT}), as hex
 * @param operator the operator's JSON-RPC ({@code PLASMA_RPC})
 * @param watcher the watcher's JSON-RPC ({@code PLASMA_WATCHER})
 */
public record UserCli(
    PrivateKey key, Path home, URI l1, String contract, URI operator, URI watcher) {

  /** What a run printed and returned. */
  public record Run(int exitCode, String out, String err) {}

  /** Runs {@code plasma args... --json}; fails unless it exits 0; its JSON output. */
  public JsonNode json(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    Run run = run(all.toArray(String[]::new));
    assertThat(run.exitCode()).as("plasma %s: %s", String.join(" ", args), run.err()).isZero();
    try {
      return CliCommand.JSON.readTree(run.out());
    } catch (JsonProcessingException e) {
      throw new AssertionError("plasma " + String.join(" ", args) + " printed no JSON", e);
    }
  }

  /** Runs {@code plasma args...}; checks no secret of the environment was printed. */
  public Run run(String... args) {
    Map<String, String> environment =
        Map.of(
            "PLASMA_PRIVATE_KEY", Hex.encode(key.toArray()),
            "PLASMA_L1", l1.toString(),
            "PLASMA_CONTRACT", contract,
            "PLASMA_RPC", operator.toString(),
            "PLASMA_WATCHER", watcher.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    SecretsInOutput.assertNone(environment, out + err.toString());
    return new Run(exitCode, out.toString(), err.toString());
  }
}
