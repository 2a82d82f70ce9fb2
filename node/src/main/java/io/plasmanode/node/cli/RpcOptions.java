package io.plasmanode.node.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the operator's JSON-RPC API is. */
public final class RpcOptions {
  public static final String DEFAULT_RPC = "http://127.0.0.1:9656";

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      defaultValue = DEFAULT_RPC,
      description = {"The operator's JSON-RPC API", "(default: ${DEFAULT-VALUE})."})
  URI rpc;

  public URI rpc() {
    return rpc;
  }

  public OperatorClient client() {
    return new OperatorClient(rpc);
  }
}
