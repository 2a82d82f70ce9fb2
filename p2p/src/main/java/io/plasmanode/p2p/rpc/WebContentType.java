package io.plasmanode.p2p.rpc;

/**
 * The only content types a {@link WebPages} answer may have: each one fixed, with its charset, so
 * no answer's type comes from the request and browsers never guess one (the server also sends
 * {@code X-Content-Type-Options: nosniff}).
 */
public enum WebContentType {
  HTML("text/html; charset=utf-8"),
  CSS("text/css; charset=utf-8"),
  JAVASCRIPT("text/javascript; charset=utf-8"),
  JSON("application/json"),
  TEXT("text/plain; charset=utf-8");

  private final String headerValue;

  WebContentType(String headerValue) {
    this.headerValue = headerValue;
  }

  /** The {@code Content-Type} header's value. */
  public String headerValue() {
    return headerValue;
  }
}
