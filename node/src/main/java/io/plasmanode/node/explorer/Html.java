package io.plasmanode.node.explorer;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import com.google.common.net.UrlEscapers;
import java.util.regex.Pattern;

/**
 * An HTML document written in order, where every piece of text and every attribute value is escaped
 * (Guava's {@link HtmlEscapers}: {@code & < > " '}) and tag and attribute names are the code's own
 * constants, checked to be plain names. Nothing a request or the chain holds can open a tag, end an
 * attribute or start a script. Not thread-safe: one per page.
 */
final class Html {
  private static final Escaper TEXT = HtmlEscapers.htmlEscaper();
  private static final Escaper PATH_SEGMENT = UrlEscapers.urlPathSegmentEscaper();
  private static final Escaper QUERY_VALUE = UrlEscapers.urlFormParameterEscaper();
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private final StringBuilder out = new StringBuilder(4096);

  /** {@code s} escaped for HTML text or a quoted attribute value. */
  static String escape(String s) {
    return TEXT.escape(s);
  }

  /** {@code s} escaped as one path segment of a URL ({@code /}, {@code ?}, {@code #} encoded). */
  static String pathSegment(String s) {
    return PATH_SEGMENT.escape(s);
  }

  /** Starts the document: {@code <!DOCTYPE html>}. */
  Html doctype() {
    out.append("<!DOCTYPE html>\n");
    return this;
  }

  /** {@code s} escaped as a query parameter's value. */
  static String queryValue(String s) {
    return QUERY_VALUE.escape(s);
  }

  /**
   * Opens {@code tag} with {@code attributes} given as name, value pairs (values escaped).
   *
   * @throws IllegalArgumentException if a name is not a plain lower-case name
   */
  Html open(String tag, String... attributes) {
    checkArgument(attributes.length % 2 == 0, "attributes come in name, value pairs");
    out.append('<').append(name(tag));
    for (int i = 0; i < attributes.length; i += 2) {
      out.append(' ').append(name(attributes[i])).append("=\"");
      out.append(escape(attributes[i + 1])).append('"');
    }
    out.append('>');
    return this;
  }

  /** Closes {@code tag}. */
  Html close(String tag) {
    out.append("</").append(name(tag)).append('>');
    return this;
  }

  /** {@code <tag attributes>text</tag>}. */
  Html element(String tag, Object text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** {@code <a href="href">text</a>}; {@code href} is escaped as an attribute. */
  Html link(String href, Object text) {
    return element("a", text, "href", href);
  }

  /** Escaped text. */
  Html text(Object text) {
    out.append(escape(String.valueOf(text)));
    return this;
  }

  /** A void element such as {@code input} or {@code meta}. */
  Html empty(String tag, String... attributes) {
    return open(tag, attributes);
  }

  /** The document so far. */
  @Override
  public String toString() {
    return out.toString();
  }

  private static String name(String name) {
    checkArgument(NAME.matcher(name).matches(), "not a tag or attribute name: %s", name);
    return name;
  }
}
