package io.wharf.registry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.ErrorCategory;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.RegistryPaths;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDeriverTest {
  @TempDir
  Path dir;

  static JsonNode config(String history) throws Exception {
    return Json.MAPPER.readTree("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/bin\"]},"
        + "\"history\":[" + history + "],\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:stale\"]}}");
  }

  static InputStream empty() {
    return new ByteArrayInputStream(new byte[0]);
  }

  @Test
  void scratchWithLayerThenConfigOnlyStepKeepsTheLayers() throws Exception {
    ImageStore store = ImageStore.open(new RegistryPaths(dir));
    ImageDeriver d = new ImageDeriver(store);
    byte[] layer = new byte[1024]; // an empty tar: two zero blocks
    String base = d.derive(new ByteArrayInputStream(layer), new ImageDeriver.Request(null,
        config("{\"created_by\":\"COPY\"}"), true));
    assertEquals(1, store.image(base).layers().size());
    JsonNode baseConfig = store.config(base);
    assertEquals(store.image(base).layers().get(0).diffId(), baseConfig.at("/rootfs/diff_ids/0").asText());
    assertEquals(1, baseConfig.at("/rootfs/diff_ids").size());

    String child = d.derive(empty(), new ImageDeriver.Request(base,
        config("{\"created_by\":\"COPY\"},{\"created_by\":\"ENV\",\"empty_layer\":true}"), false));
    assertEquals(store.image(base).layers(), store.image(child).layers());
    assertEquals(baseConfig.at("/rootfs"), store.config(child).at("/rootfs"));
    assertEquals(base, store.parents().parentOf(child));
    assertEquals(null, store.parents().parentOf(base));
    assertEquals(true, store.parents().hasChild(base, java.util.List.of(child)));
    store.deleteImage(child);
    assertEquals(null, ImageStore.open(new RegistryPaths(dir)).parents().parentOf(child));
  }

  @Test
  void sameInputSameId() throws Exception {
    ImageStore store = ImageStore.open(new RegistryPaths(dir));
    ImageDeriver d = new ImageDeriver(store);
    String a = d.derive(empty(), new ImageDeriver.Request("", config("{\"created_by\":\"x\"}"), false));
    String b = d.derive(empty(), new ImageDeriver.Request("", config("{\"created_by\":\"x\"}"), false));
    assertEquals(a, b);
    assertNotNull(store.image(a));
  }

  @Test
  void unknownParentAndBadConfigAreRefused() throws Exception {
    ImageDeriver d = new ImageDeriver(ImageStore.open(new RegistryPaths(dir)));
    WharfException e = assertThrows(WharfException.class, () -> d.derive(empty(),
        new ImageDeriver.Request("sha256:" + "0".repeat(64), config(""), false)));
    assertEquals(ErrorCategory.NOT_FOUND, e.category());
    e = assertThrows(WharfException.class, () -> d.derive(empty(),
        new ImageDeriver.Request(null, Json.MAPPER.readTree("[1]"), false)));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }
}
