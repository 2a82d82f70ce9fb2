package io.plasmanode.p2p.rpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** An immutable registry of JSON-RPC methods by name. */
public final class JsonRpcMethods {
  private final Map<String, JsonRpcMethod> methods;

  private JsonRpcMethods(Map<String, JsonRpcMethod> methods) {
    this.methods = Map.copyOf(methods);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<JsonRpcMethod> find(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  public Set<String> names() {
    return methods.keySet();
  }

  /** Collects methods; names are unique and non-blank. */
  public static final class Builder {
    private final Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();

    private Builder() {}

    public Builder add(String name, JsonRpcMethod method) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(method, "method");
      if (name.isBlank()) {
        throw new IllegalArgumentException("method name is blank");
      }
      if (methods.putIfAbsent(name, method) != null) {
        throw new IllegalArgumentException("method already registered: " + name);
      }
      return this;
    }

    public JsonRpcMethods build() {
      return new JsonRpcMethods(methods);
    }
  }
}
