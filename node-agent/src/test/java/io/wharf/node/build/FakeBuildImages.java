package io.wharf.node.build;

import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.image.LayerRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory registry for builder tests: ids are content hashes, as in the real one. */
final class FakeBuildImages implements BuildImages {
  final Map<String, ImageDoc> configs = new HashMap<>();
  final Map<String, List<LayerRef>> layers = new HashMap<>();
  final Map<String, String> tags = new LinkedHashMap<>();
  int derived;

  FakeBuildImages withBase(String name) throws Exception {
    ImageDoc doc = ImageDoc.of(Json.MAPPER.readTree("{\"architecture\":\"amd64\",\"os\":\"linux\","
        + "\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"]},\"history\":[{\"created_by\":\"base\"}]}"));
    String id = derive(null, doc, null);
    tags.put(name, id);
    return this;
  }

  @Override
  public ImageDetails inspect(String ref) {
    String id = tags.containsKey(ref) ? tags.get(ref) : ref;
    if (!configs.containsKey(id)) {
      throw WharfException.notFound("No such image: " + ref);
    }
    return new ImageDetails(new ImageSummary(id, List.of(), List.of(), "", 0, 0, Map.of()), "", "", "", "", "amd64",
        "linux", null, layers.get(id), List.of());
  }

  @Override
  public boolean exists(String imageId) {
    return configs.containsKey(imageId);
  }

  @Override
  public ImageDoc config(String imageId) {
    if (!configs.containsKey(imageId)) {
      throw WharfException.notFound("No such image: " + imageId);
    }
    return configs.get(imageId).copy();
  }

  @Override
  public String derive(String parentId, ImageDoc doc, Path layerTar) {
    derived++;
    List<LayerRef> l = new ArrayList<>(parentId == null ? List.of() : layers.get(parentId));
    if (layerTar != null) {
      String d = sha("layer" + l.size() + parentId);
      l.add(new LayerRef(d, d, 1, "tar"));
    }
    String id = sha(Json.MAPPER.valueToTree(doc.json()).toString() + l);
    configs.put(id, doc.copy());
    layers.put(id, l);
    return id;
  }

  @Override
  public void tag(String imageId, String reference) {
    tags.put(reference, imageId);
  }

  @Override
  public void pull(String reference, String registryAuth, BuildMessages messages) {
    throw WharfException.notFound("pull access denied for " + reference);
  }

  static String sha(String s) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
