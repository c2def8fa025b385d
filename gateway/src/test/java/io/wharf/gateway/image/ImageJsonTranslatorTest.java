package io.wharf.gateway.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageConfig;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.image.LayerRef;
import io.wharf.gateway.http.ApiVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageJsonTranslatorTest {
  static final ImageSummary DANGLING = new ImageSummary("sha256:1", List.of(), null, null, 5, 10, null);
  static final ImageSummary TAGGED = new ImageSummary("sha256:2", List.of("app:1"), List.of("r/app@sha256:9"), "", 5, 10,
      java.util.Map.of("a", "b"));

  @ParameterizedTest
  @CsvSource({"1.41, true, true", "1.42, true, true", "1.43, false, true", "1.44, false, false", "1.47, false, false"})
  void shapeDependsOnVersion(String version, boolean noneTag, boolean virtualSize) {
    JsonObject o = ImageJsonTranslator.listEntry(DANGLING, ApiVersion.parse(version));
    assertEquals(noneTag ? new JsonArray().add("<none>:<none>") : new JsonArray(), o.getJsonArray("RepoTags"));
    assertEquals(virtualSize, o.containsKey("VirtualSize"));
    assertEquals(-1, o.getInteger("Containers"));
    assertNull(o.getValue("Labels"));
  }

  @Test
  void taggedEntry() {
    JsonObject o = ImageJsonTranslator.listEntry(TAGGED, ApiVersion.MAX);
    assertEquals("app:1", o.getJsonArray("RepoTags").getString(0));
    assertEquals("b", o.getJsonObject("Labels").getString("a"));
    assertEquals(5, o.getLong("Created"));
  }

  @Test
  void inspectCarriesConfigAndLayers() {
    ImageDetails d = new ImageDetails(TAGGED, "2026-01-01T00:00:00Z", "me", "Imported from -", "", "amd64", "linux",
        new ImageConfig("1000", List.of("PATH=/bin"), List.of("sh"), null, "/w", null, List.of("80/tcp"), null, null, null),
        List.of(new LayerRef("sha256:d1", "sha256:b1", 3, "x")), List.of());
    JsonObject v41 = ImageJsonTranslator.inspect(d, ApiVersion.parse("1.41"));
    assertTrue(v41.containsKey("ContainerConfig"));
    assertEquals("sha256:d1", v41.getJsonObject("RootFS").getJsonArray("Layers").getString(0));
    assertEquals("sh", v41.getJsonObject("Config").getJsonArray("Cmd").getString(0));
    assertTrue(v41.getJsonObject("Config").getJsonObject("ExposedPorts").containsKey("80/tcp"));
    assertEquals("Imported from -", v41.getString("Comment"));
    JsonObject v47 = ImageJsonTranslator.inspect(d, ApiVersion.MAX);
    assertFalse(v47.containsKey("ContainerConfig"));
    assertFalse(v47.containsKey("VirtualSize"));
  }

  @Test
  void historyAndDelete() {
    JsonArray h = ImageJsonTranslator.history(List.of(new HistoryEntry("<missing>", 1, "/bin/sh", List.of(), 0, null)));
    assertNull(h.getJsonObject(0).getValue("Tags"));
    assertEquals("", h.getJsonObject(0).getString("Comment"));
    JsonArray del = ImageJsonTranslator.deleted(List.of(new ImageRequests.DeleteItem("app:1", null),
        new ImageRequests.DeleteItem(null, "sha256:2")));
    assertEquals("[{\"Untagged\":\"app:1\"},{\"Deleted\":\"sha256:2\"}]", del.encode());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "imported:1 | imported | 1",
      "imported | imported | ",
      "127.0.0.1:5000/app:2 | 127.0.0.1:5000/app | 2",
      "127.0.0.1:5000/app | 127.0.0.1:5000/app | ",
  })
  void splitsTags(String ref, String repo, String tag) {
    assertArrayEquals(new String[] {repo, tag}, ImageReference.splitTag(ref));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "docker.io/library/busybox | latest | busybox:latest",
      "127.0.0.1:5000/bb | 2 | 127.0.0.1:5000/bb:2",
      "127.0.0.1:5000/bb | sha256:ab | 127.0.0.1:5000/bb@sha256:ab",
      "docker.io/me/app | | me/app:latest",
  })
  void joinsAndShowsReferences(String repo, String tag, String shown) {
    assertEquals(shown, ImageReference.familiar(ImageReference.join(repo, tag)));
  }
}
