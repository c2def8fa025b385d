package io.wharf.gateway.image;

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
import java.util.Map;

/**
 * Image records -> the JSON of {@code docker images}, {@code docker image inspect},
 * {@code docker history} and {@code docker rmi}, with the shape differences between API versions
 * (untagged images are {@code <none>:<none>} below 1.43; VirtualSize gone from 1.44; Container and
 * ContainerConfig gone from 1.45).
 */
public final class ImageJsonTranslator {
  private ImageJsonTranslator() {}

  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  public static JsonObject listEntry(ImageSummary s, ApiVersion v) {
    JsonObject o = new JsonObject()
        .put("Containers", -1)
        .put("Created", s.created())
        .put("Id", s.id())
        .put("Labels", s.labels() == null || s.labels().isEmpty() ? null : labels(s.labels()))
        .put("ParentId", s.parentId() == null ? "" : s.parentId())
        .put("RepoDigests", strings(s.repoDigests()))
        .put("RepoTags", repoTags(s.repoTags(), v))
        .put("SharedSize", -1)
        .put("Size", s.size());
    if (v.below(1, 44)) {
      o.put("VirtualSize", s.size());
    }
    return o;
  }

  public static JsonObject inspect(ImageDetails d, ApiVersion v) {
    ImageSummary s = d.summary();
    JsonObject o = new JsonObject()
        .put("Id", s.id())
        .put("RepoTags", strings(s.repoTags()))
        .put("RepoDigests", strings(s.repoDigests()))
        .put("Parent", s.parentId() == null ? "" : s.parentId())
        .put("Comment", nz(d.comment()))
        .put("Created", nz(d.created()));
    if (v.below(1, 45)) {
      o.put("Container", "").put("ContainerConfig", config(ImageConfig.empty()));
    }
    o.put("DockerVersion", nz(d.dockerVersion()))
        .put("Author", nz(d.author()))
        .put("Config", config(d.config() == null ? ImageConfig.empty() : d.config()))
        .put("Architecture", d.architecture() == null ? "amd64" : d.architecture())
        .put("Os", d.os() == null ? "linux" : d.os())
        .put("Size", s.size());
    if (v.below(1, 44)) {
      o.put("VirtualSize", s.size());
    }
    return o.put("GraphDriver", new JsonObject().put("Data", new JsonObject()).put("Name", "overlay"))
        .put("RootFS", new JsonObject().put("Type", "layers").put("Layers", diffIds(d.layers())))
        .put("Metadata", new JsonObject().put("LastTagTime", ZERO_TIME));
  }

  public static JsonArray history(List<HistoryEntry> entries) {
    JsonArray out = new JsonArray();
    for (HistoryEntry e : entries) {
      out.add(new JsonObject()
          .put("Id", e.id())
          .put("Created", e.created())
          .put("CreatedBy", nz(e.createdBy()))
          .put("Tags", e.tags() == null || e.tags().isEmpty() ? null : strings(e.tags()))
          .put("Size", e.size())
          .put("Comment", nz(e.comment())));
    }
    return out;
  }

  public static JsonArray deleted(List<ImageRequests.DeleteItem> items) {
    JsonArray out = new JsonArray();
    for (ImageRequests.DeleteItem i : items) {
      out.add(i.untagged() != null ? new JsonObject().put("Untagged", i.untagged())
          : new JsonObject().put("Deleted", i.deleted()));
    }
    return out;
  }

  static JsonObject config(ImageConfig c) {
    JsonObject o = new JsonObject()
        .put("Hostname", "").put("Domainname", "").put("User", nz(c.user()))
        .put("AttachStdin", false).put("AttachStdout", false).put("AttachStderr", false);
    if (c.exposedPorts() != null && !c.exposedPorts().isEmpty()) {
      o.put("ExposedPorts", set(c.exposedPorts()));
    }
    o.put("Tty", false).put("OpenStdin", false).put("StdinOnce", false)
        .put("Env", c.env() == null ? null : strings(c.env()))
        .put("Cmd", c.cmd() == null ? null : strings(c.cmd()))
        .put("Image", "")
        .put("Volumes", c.volumes() == null || c.volumes().isEmpty() ? null : set(c.volumes()))
        .put("WorkingDir", nz(c.workingDir()))
        .put("Entrypoint", c.entrypoint() == null ? null : strings(c.entrypoint()))
        .put("OnBuild", null)
        .put("Labels", c.labels() == null || c.labels().isEmpty() ? null : labels(c.labels()));
    if (c.stopSignal() != null) {
      o.put("StopSignal", c.stopSignal());
    }
    if (c.healthcheck() != null) {
      o.put("Healthcheck", io.wharf.gateway.container.RunOptionsJson.healthcheckJson(c.healthcheck()));
    }
    return o;
  }

  static JsonArray repoTags(List<String> tags, ApiVersion v) {
    if ((tags == null || tags.isEmpty()) && v.below(1, 43)) {
      return new JsonArray().add("<none>:<none>");
    }
    return strings(tags);
  }

  private static JsonArray diffIds(List<LayerRef> layers) {
    JsonArray out = new JsonArray();
    if (layers != null) {
      layers.forEach(l -> out.add(l.diffId()));
    }
    return out;
  }

  private static JsonArray strings(List<String> l) {
    return l == null ? new JsonArray() : new JsonArray(new java.util.ArrayList<>(l));
  }

  private static JsonObject set(List<String> keys) {
    JsonObject o = new JsonObject();
    keys.forEach(k -> o.put(k, new JsonObject()));
    return o;
  }

  private static JsonObject labels(Map<String, String> labels) {
    JsonObject o = new JsonObject();
    labels.forEach(o::put);
    return o;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
