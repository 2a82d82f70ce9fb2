package io.plasmanode.node.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void text_andAttributeValues_areEscaped() {
    String html =
        new Html()
            .open("a", "href", "/x?a=1&b=\"2\"", "title", "it's <b>")
            .text("<script>alert('x')</script> & more")
            .close("a")
            .toString();

    assertThat(html)
        .isEqualTo(
            "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"it&#39;s &lt;b&gt;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</a>");
  }

  @Test
  void tagAndAttributeNames_mustBePlainNames() {
    assertThatThrownBy(() -> new Html().open("a onclick=x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("a", "on click", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("a", "href"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().close("a>")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void urlParts_areEscapedForTheirPlace() {
    assertThat(Html.pathSegment("a/b?c#d")).isEqualTo("a%2Fb%3Fc%23d");
    assertThat(Html.queryValue("1000.2&x=<y>")).isEqualTo("1000.2%26x%3D%3Cy%3E");
  }
}
