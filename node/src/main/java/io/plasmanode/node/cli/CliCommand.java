package io.plasmanode.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.types.Address;
import io.plasmanode.p2p.rpc.CoreValuesJsonModule;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code plasma} command: runs {@link #run()} and turns expected failures into a
 * one-line reason on stderr and exit code 1 (usage errors stay picocli's exit code 2). Output goes
 * to the {@code CommandLine}'s writers, so tests can capture it.
 */
public abstract class CliCommand implements Callable<Integer> {
  private static final Duration AWAIT_POLL_INTERVAL = Duration.ofMillis(500);

  /** Writes {@code --json} output; core's values as the JSON-RPC APIs write them. */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new CoreValuesJsonModule())
          .enable(SerializationFeature.INDENT_OUTPUT);

  @Spec protected CommandSpec spec;

  @Mixin protected CommonOptions common;

  /** Does the command's work; throws {@link CliException} (or an RPC/L1 exception) on failure. */
  protected abstract void run();

  @Override
  public final Integer call() {
    try {
      run();
      return 0;
    } catch (ParameterException e) {
      throw e;
    } catch (CliException
        | JsonRpcException
        | L1Exception
        | UncheckedIOException
        | IllegalArgumentException e) {
      return fail(describe(e), e);
    }
  }

  private int fail(String message, Exception e) {
    err().println("plasma: " + message);
    if (common != null && common.verbose()) {
      e.printStackTrace(err());
    }
    err().flush();
    return 1;
  }

  private static String describe(Exception e) {
    if (e instanceof JsonRpcException rpc) {
      return OperatorClient.describe(rpc);
    }
    if (e instanceof JsonRpcTransportException transport) {
      Throwable cause = transport.getCause();
      String reason =
          cause == null || cause.getMessage() == null
              ? cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"
              : " (" + cause.getMessage() + ")";
      return transport.getMessage() + reason + ": is the operator running? see --rpc";
    }
    if (e instanceof L1Exception l1) {
      return "L1: " + l1.getMessage();
    }
    return e.getMessage();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints {@code human} normally, or {@code json} as JSON with {@code --json}. */
  protected void print(String human, Object json) {
    if (common.json()) {
      try {
        out().println(JSON.writeValueAsString(json));
      } catch (JsonProcessingException e) {
        throw new CliException("cannot write JSON: " + e.getOriginalMessage(), e);
      }
    } else {
      out().println(human);
    }
    out().flush();
  }

  /** A warning on stderr (also in {@code --json} mode, where stdout stays parseable). */
  protected void warn(String message) {
    err().println("warning: " + message);
    err().flush();
  }

  /**
   * {@code text} as an amount of {@code token}: ETH units for ETH, base units (or decimals with
   * {@code decimals}) for a token. A bad amount is a usage error (exit code 2).
   */
  protected BigInteger amount(AmountOptions amounts) {
    return amount(amounts.text, amounts.token, amounts.decimals);
  }

  private BigInteger amount(String text, Address token, Integer decimals) {
    try {
      if (token.isZero()) {
        if (decimals != null) {
          throw new IllegalArgumentException("--decimals applies to tokens; ETH takes units");
        }
        return Amounts.parseEth(text);
      }
      return Amounts.parseToken(
          text, decimals == null ? OptionalInt.empty() : OptionalInt.of(decimals));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --amount: " + e.getMessage());
    }
  }

  /**
   * Polls {@code probe} every half second until it yields a value.
   *
   * @throws CliException with {@code timeoutMessage} after {@code timeoutSeconds}
   */
  protected static <T> T awaitPresent(
      Supplier<Optional<T>> probe, long timeoutSeconds, Supplier<String> timeoutMessage) {
    Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
    while (true) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new CliException(timeoutMessage.get());
      }
      try {
        Thread.sleep(AWAIT_POLL_INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted while waiting");
      }
    }
  }

  /**
   * Prints {@code banner}, then keeps {@code service} running until the process is told to stop
   * (Ctrl-C, SIGTERM), and closes it from the shutdown hook so it stops cleanly.
   */
  protected void runUntilStopped(AutoCloseable service, String banner) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeQuietly(service);
                  stopped.countDown();
                },
                "plasma-shutdown"));
    out().println(banner);
    out().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(service);
    }
  }

  private void closeQuietly(AutoCloseable service) {
    try {
      service.close();
    } catch (Exception e) {
      err().println("plasma: error while stopping: " + e.getMessage());
      err().flush();
    }
  }

  /** {@code 1.5 ETH (1500000000000000000 wei)}, or base units and the token for a token. */
  protected static String describeAmount(Address token, BigInteger amount) {
    return token.isZero()
        ? Amounts.formatEth(amount) + " (" + amount + " wei)"
        : amount + " of token " + token;
  }

  protected Map<String, String> environment() {
    return root().environment();
  }

  protected Path plasmaHome() {
    return root().plasmaHome();
  }

  private PlasmaCli root() {
    return spec.root().userObject() instanceof PlasmaCli cli ? cli : new PlasmaCli();
  }
}
