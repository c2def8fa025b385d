package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.ContainerSummary;
import java.util.List;
import java.util.Map;

/** The {@code Config} section of container inspect, from the effective (image-merged) spec. */
final class ConfigJson {
  private ConfigJson() {}

  static JsonObject of(ContainerSpec s, ContainerSummary c) {
    if (s == null) {
      return new JsonObject().put("Image", c.image()).put("Labels", new JsonObject());
    }
    JsonObject o = new JsonObject()
        .put("Hostname", s.hostname() != null ? s.hostname() : c.id().substring(0, Math.min(12, c.id().length())))
        .put("Domainname", nz(s.domainname()))
        .put("User", nz(s.user()))
        .put("AttachStdin", s.attachStdin())
        .put("AttachStdout", s.attachStdout())
        .put("AttachStderr", s.attachStderr())
        .put("Tty", s.tty())
        .put("OpenStdin", s.openStdin())
        .put("StdinOnce", s.stdinOnce())
        .put("Env", list(s.env()))
        .put("Cmd", list(s.cmd()))
        .put("Image", s.image() != null ? s.image() : c.image())
        .put("Volumes", set(s.volumes()))
        .put("WorkingDir", nz(s.workingDir()))
        .put("Entrypoint", list(s.entrypoint()))
        .put("OnBuild", null)
        .put("Labels", labels(s.labels()));
    if (s.exposedPorts() != null && !s.exposedPorts().isEmpty()) {
      o.put("ExposedPorts", set(s.exposedPorts()));
    }
    if (s.stopSignal() != null) {
      o.put("StopSignal", s.stopSignal());
    }
    if (s.healthcheck() != null) {
      o.put("Healthcheck", RunOptionsJson.healthcheckJson(s.healthcheck()));
    }
    if (s.stopTimeout() != null) {
      o.put("StopTimeout", s.stopTimeout());
    }
    return o;
  }

  static JsonArray list(List<String> l) {
    return l == null ? null : new JsonArray(new java.util.ArrayList<>(l));
  }

  /** Docker's "set" objects: {@code {"80/tcp":{}}}; null when empty, as dockerd shows it. */
  static JsonObject set(List<String> keys) {
    if (keys == null || keys.isEmpty()) {
      return null;
    }
    JsonObject o = new JsonObject();
    keys.forEach(k -> o.put(k, new JsonObject()));
    return o;
  }

  static JsonObject labels(Map<String, String> labels) {
    JsonObject o = new JsonObject();
    if (labels != null) {
      labels.forEach(o::put);
    }
    return o;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
