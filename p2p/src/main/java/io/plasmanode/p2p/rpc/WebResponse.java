package io.plasmanode.p2p.rpc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An answer of {@link WebPages}: a status, one of the fixed content types and a body, or a
 * redirect. The server adds the security headers to every one (see {@link WebPagesHandler}).
 *
 * @param status the HTTP status
 * @param type the body's content type
 * @param body the body's bytes (not copied: a response is made once and written once)
 * @param location where a redirect (303) points: a path of the same server
 */
public record WebResponse(int status, WebContentType type, byte[] body, Optional<String> location) {
  public WebResponse {
    checkArgument(status >= 200 && status < 600, "HTTP status %s", status);
    requireNonNull(type, "type");
    requireNonNull(body, "body");
    requireNonNull(location, "location");
    location.ifPresent(
        path ->
            checkArgument(
                path.startsWith("/") && !path.startsWith("//"),
                "a redirect goes to a path of this server, not %s",
                path));
  }

  /** A 200 answer. */
  public static WebResponse ok(WebContentType type, String body) {
    return of(200, type, body);
  }

  /** An answer with {@code status}. */
  public static WebResponse of(int status, WebContentType type, String body) {
    return new WebResponse(status, type, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
  }

  /**
   * A {@code 303 See Other} to {@code path} (a path of this server, starting with one {@code /},
   * whose user-given parts the caller escaped for a URL).
   */
  public static WebResponse redirect(String path) {
    return new WebResponse(303, WebContentType.TEXT, new byte[0], Optional.of(path));
  }
}
