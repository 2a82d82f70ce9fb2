package io.plasmanode.node.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Option values that the command line leaves out, from the environment and then a config file:
 * precedence is command line > environment > config file > the option's built-in default.
 *
 * <ul>
 *   <li>Environment: {@code PLASMA_} + the long option name in upper case with {@code -} as {@code
 *       _} ({@code --rpc} is {@code PLASMA_RPC}, {@code --block-interval} is {@code
 *       PLASMA_BLOCK_INTERVAL}).
 *   <li>Config file (Java properties): the key is the long option name without its leading dashes
 *       ({@code rpc=http://127.0.0.1:9656}, {@code block-interval=2s}). The file is {@code --config
 *       FILE}, else {@code PLASMA_CONFIG}, else {@code config.properties} in the plasma home
 *       directory when it exists.
 * </ul>
 *
 * <p>Register it on every command with {@code @Command(defaultValueProvider =
 * ConfigDefaultProvider.class)} (picocli does not pass it on to subcommands) and give the command a
 * {@code --config} option (the {@link CommonOptions} mixin). The environment and the plasma home
 * come from the root command when it is a {@link PlasmaCli}, so tests can inject both.
 */
public final class ConfigDefaultProvider implements IDefaultValueProvider {
  /**
   * The help footer of every command that uses this provider, in lines that fit 80 columns (picocli
   * would break a path such as ~/.plasma/config.properties at its dots to wrap it).
   */
  public static final String FOOTER =
      "%nEvery option can also be set in the environment as PLASMA_<NAME> (the name"
          + "%nin upper case, - as _) or in a config file as <name>=<value> (the name without"
          + "%nits dashes). The file is --config FILE, else PLASMA_CONFIG, else"
          + "%n~/.plasma/config.properties if it exists. The command line wins over the"
          + "%nenvironment, which wins over the file."
          + "%nExit codes: 0 success, 1 failure, 2 usage error.";

  static final String CONFIG_OPTION = "config";
  static final String CONFIG_ENV = "PLASMA_CONFIG";
  static final String DEFAULT_CONFIG_FILE = "config.properties";

  private final Map<String, String> fixedEnvironment;
  private final Path fixedHome;

  /** Takes the environment and home from the root {@link PlasmaCli} (or the process). */
  public ConfigDefaultProvider() {
    this(null, null);
  }

  /** Uses {@code environment} and {@code plasmaHome} whatever the root command is (for tests). */
  public ConfigDefaultProvider(Map<String, String> environment, Path plasmaHome) {
    this.fixedEnvironment = environment == null ? null : Map.copyOf(environment);
    this.fixedHome = plasmaHome;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.longestName().length() < 3) {
      return null;
    }
    String name = option.longestName().replaceFirst("^-+", "");
    CommandSpec command = argSpec.command();
    Map<String, String> environment = environment(command);
    String fromEnvironment = environment.get(environmentName(name));
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    if (name.equals(CONFIG_OPTION)) {
      return null;
    }
    return configFile(command, environment)
        .map(file -> load(command, file).getProperty(name))
        .orElse(null);
  }

  /** {@code PLASMA_} + upper case, {@code -} as {@code _}: {@code block-interval} -> ... */
  public static String environmentName(String optionName) {
    return "PLASMA_" + optionName.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private Map<String, String> environment(CommandSpec command) {
    if (fixedEnvironment != null) {
      return fixedEnvironment;
    }
    return command.root().userObject() instanceof PlasmaCli cli
        ? cli.environment()
        : System.getenv();
  }

  private Path home(CommandSpec command, Map<String, String> environment) {
    if (fixedHome != null) {
      return fixedHome;
    }
    return command.root().userObject() instanceof PlasmaCli cli
        ? cli.plasmaHome()
        : PlasmaCli.defaultHome(environment);
  }

  private Optional<Path> configFile(CommandSpec command, Map<String, String> environment) {
    OptionSpec configOption = command.findOption(CONFIG_OPTION);
    Object given = configOption == null ? null : configOption.getValue();
    if (given != null) {
      return Optional.of(Path.of(given.toString()));
    }
    String fromEnvironment = environment.get(CONFIG_ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(Path.of(fromEnvironment));
    }
    Path implicit = home(command, environment).resolve(DEFAULT_CONFIG_FILE);
    return Files.isRegularFile(implicit) ? Optional.of(implicit) : Optional.empty();
  }

  private static Properties load(CommandSpec command, Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new ParameterException(
          command.commandLine(), "config file " + file + " does not exist (see --config)");
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(
          command.commandLine(), "cannot read config file " + file + ": " + e.getMessage());
    }
    return properties;
  }
}
