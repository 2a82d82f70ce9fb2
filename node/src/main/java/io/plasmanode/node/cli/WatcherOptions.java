package io.plasmanode.node.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where a watcher's JSON-RPC API is (docs/watcher-rpc.md). */
public final class WatcherOptions {
  @Option(
      names = "--watcher",
      paramLabel = "URL",
      defaultValue = WatcherClient.DEFAULT_WATCHER,
      description = {"A watcher's JSON-RPC API", "(default: ${DEFAULT-VALUE})."})
  URI watcher;

  public URI watcher() {
    return watcher;
  }

  public WatcherClient client() {
    return new WatcherClient(watcher);
  }
}
