package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigDefaultProviderTest {
  @TempDir Path home;

  @Test
  void builtInDefault_whenNothingElseSetsTheOption() {
    assertThat(rpcOf(Map.of())).isEqualTo(RpcOptions.DEFAULT_RPC);
  }

  @Test
  void configFile_beatsTheBuiltInDefault() throws IOException {
    Path file = config("rpc=http://127.0.0.1:1111");
    assertThat(rpcOf(Map.of(), "--config", file.toString())).isEqualTo("http://127.0.0.1:1111");
  }

  @Test
  void environment_beatsTheConfigFile() throws IOException {
    Path file = config("rpc=http://127.0.0.1:1111");
    assertThat(rpcOf(Map.of("PLASMA_RPC", "http://127.0.0.1:2222"), "--config", file.toString()))
        .isEqualTo("http://127.0.0.1:2222");
  }

  @Test
  void commandLine_beatsEnvironmentAndConfigFile() throws IOException {
    Path file = config("rpc=http://127.0.0.1:1111");
    assertThat(
            rpcOf(
                Map.of("PLASMA_RPC", "http://127.0.0.1:2222"),
                "--config",
                file.toString(),
                "--rpc",
                "http://127.0.0.1:3333"))
        .isEqualTo("http://127.0.0.1:3333");
  }

  @Test
  void configFile_fromPlasmaConfigOrTheHomeDirectory() throws IOException {
    Path file = config("rpc=http://127.0.0.1:1111");
    assertThat(rpcOf(Map.of("PLASMA_CONFIG", file.toString()))).isEqualTo("http://127.0.0.1:1111");
    Files.writeString(home.resolve("config.properties"), "rpc=http://127.0.0.1:4444\n");
    assertThat(rpcOf(Map.of())).isEqualTo("http://127.0.0.1:4444");
  }

  @Test
  void multiWordOptions_useUnderscoresInTheEnvironmentAndDashesInTheFile() throws IOException {
    Path file = config("wait-timeout=7");
    CommandLine cli = commandLine(Map.of());
    cli.parseArgs(
        "transfer", "--to", "0x" + "11".repeat(20), "--amount", "1", "--config", file.toString());
    assertThat(option(cli, "transfer", "wait-timeout")).isEqualTo(7L);

    cli = commandLine(Map.of("PLASMA_WAIT_TIMEOUT", "9"));
    cli.parseArgs(
        "transfer", "--to", "0x" + "11".repeat(20), "--amount", "1", "--config", file.toString());
    assertThat(option(cli, "transfer", "wait-timeout")).isEqualTo(9L);
    assertThat(ConfigDefaultProvider.environmentName("block-interval"))
        .isEqualTo("PLASMA_BLOCK_INTERVAL");
  }

  @Test
  void missingConfigFile_isAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = commandLine(Map.of());
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("status", "--config", home.resolve("absent.properties").toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("absent.properties does not exist");
  }

  @Test
  void badValueFromTheEnvironment_isAUsageErrorNamingTheOption() {
    StringWriter err = new StringWriter();
    CommandLine cli = commandLine(Map.of("PLASMA_CONTRACT", "0x12"));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("deposit", "--amount", "1eth");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--contract").contains("is not an address");
  }

  @Test
  void everyCommand_registersTheProviderAndHasAConfigOption() {
    List<CommandLine> commands = new ArrayList<>();
    collect(commandLine(Map.of()), commands);
    commands.stream()
        .filter(c -> c.getSubcommands().isEmpty())
        .forEach(
            c -> {
              assertThat(c.getCommandSpec().defaultValueProvider())
                  .as(c.getCommandName())
                  .isInstanceOf(ConfigDefaultProvider.class);
              assertThat(c.getCommandSpec().findOption("config"))
                  .as(c.getCommandName())
                  .isNotNull();
              assertThat(c.getUsageMessage()).contains("PLASMA_<NAME>");
            });
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  private String rpcOf(Map<String, String> environment, String... args) {
    CommandLine cli = commandLine(environment);
    String[] all = new String[args.length + 1];
    all[0] = "status";
    System.arraycopy(args, 0, all, 1, args.length);
    cli.parseArgs(all);
    return option(cli, "status", "rpc").toString();
  }

  private static Object option(CommandLine cli, String command, String name) {
    return cli.getSubcommands().get(command).getCommandSpec().findOption(name).getValue();
  }

  private CommandLine commandLine(Map<String, String> environment) {
    return new CommandLine(new PlasmaCli(environment, home));
  }

  private Path config(String content) throws IOException {
    Path file = Files.createTempFile(home, "plasma", ".properties");
    Files.writeString(file, content + "\n");
    return file;
  }
}
