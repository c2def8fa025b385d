package io.wharf.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RoutePatternTest {
  @Test
  void segmentParameter() {
    Pattern p = Pattern.compile(RoutePattern.regex("/containers/{id}/json"));
    Matcher m = p.matcher("/v1.41/containers/web1/json");
    assertTrue(m.matches());
    assertEquals("web1", m.group("id"));
    assertTrue(p.matcher("/containers/abc/json").matches());
    assertFalse(p.matcher("/containers/a/b/json").matches());
    assertFalse(p.matcher("/containers/json").matches());
  }

  @Test
  void multiSegmentImageNames() {
    Pattern p = Pattern.compile(RoutePattern.regex("/images/{name+}/json"));
    Matcher m = p.matcher("/v1.41/images/127.0.0.1:5000/myimg:1/json");
    assertTrue(m.matches());
    assertEquals("127.0.0.1:5000/myimg:1", m.group("name"));
    assertFalse(p.matcher("/images/json").matches());
  }

  @Test
  void literalDotsAreQuoted() {
    assertFalse(Pattern.compile(RoutePattern.regex("/_ping")).matcher("/v1.41/xping").matches());
    assertTrue(Pattern.compile(RoutePattern.regex("/_ping")).matcher("/_ping").matches());
  }
}
