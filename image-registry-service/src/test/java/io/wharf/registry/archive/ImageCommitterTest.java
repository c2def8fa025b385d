package io.wharf.registry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageCommitterTest {
  static final String PARENT = """
      {"architecture":"amd64","os":"linux","config":{"Cmd":["sh"],"Env":["PATH=/bin"]},
       "history":[{"created":"2020-01-01T00:00:00Z","created_by":"ADD busybox"}],
       "rootfs":{"type":"layers","diff_ids":["sha256:aaa"]}}""";

  static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  @Test
  void keepsParentLayersAndHistoryAndAppendsOne() throws Exception {
    JsonNode container = json("{\"Cmd\":[\"sleep\",\"300\"],\"Env\":[\"PATH=/bin\",\"A=1\"],\"WorkingDir\":\"/w\"}");
    var r = new ImageCommitter.Request("sha256:p", "c1", container, "committed", "1", "msg", "me",
        List.of("ENV X=1", "ENV A=2"));
    JsonNode c = json(new String(ImageCommitter.configJson(json(PARENT), r, "sha256:bbb", "2026-11-27T17:34:35Z")));
    assertEquals("[\"sha256:aaa\",\"sha256:bbb\"]", c.at("/rootfs/diff_ids").toString());
    assertEquals(2, c.get("history").size());
    assertEquals("sleep 300", c.at("/history/1/created_by").asText());
    assertEquals("me", c.at("/history/1/author").asText());
    assertEquals("msg", c.at("/history/1/comment").asText());
    assertEquals("me", c.get("author").asText());
    assertEquals("msg", c.get("comment").asText());
    assertEquals("c1", c.get("container").asText());
    assertEquals("[\"PATH=/bin\",\"X=1\",\"A=2\"]", c.at("/config/Env").toString());
    assertEquals("[\"sleep\",\"300\"]", c.at("/config/Cmd").toString());
    assertEquals("/w", c.at("/config/WorkingDir").asText());
  }

  @Test
  void noAuthorMeansNoAuthorField() throws Exception {
    var r = new ImageCommitter.Request("sha256:p", "c1", null, null, null, null, null, List.of());
    JsonNode c = json(new String(ImageCommitter.configJson(json(PARENT), r, "sha256:bbb", "2026-11-27T17:34:35Z")));
    assertFalse(c.has("author"));
    assertEquals("sha256:bbb", c.at("/rootfs/diff_ids/1").asText());
  }

  @Test
  void badChangesAreRefused() {
    assertThrows(WharfException.class, () -> ImportChanges.parseOnto(null, List.of("RUN rm -rf /")));
  }
}
