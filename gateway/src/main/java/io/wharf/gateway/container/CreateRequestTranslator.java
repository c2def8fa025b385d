package io.wharf.gateway.container;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code POST /containers/create} body (Config with HostConfig inside) plus the
 * {@code name} query parameter -> {@link ContainerSpec}. Every field is optional: the Go CLI sends
 * a full struct with nulls and zeros, docker-py only what it set. The result is validated by
 * {@link CreateValidator} as dockerd validates at create.
 */
public final class CreateRequestTranslator {
  private CreateRequestTranslator() {}

  public static ContainerSpec translate(JsonObject body, String name) {
    JsonObject b = body == null ? new JsonObject() : body;
    if (name != null && !name.isEmpty()) {
      CreateValidator.requireValidName(name);
    }
    ContainerSpec spec = new ContainerSpec(
        name == null || name.isEmpty() ? null : stripSlash(name),
        b.getString("Image"),
        words(b, "Cmd"),
        words(b, "Entrypoint"),
        words(b, "Env"),
        emptyToNull(b.getString("WorkingDir")),
        emptyToNull(b.getString("User")),
        emptyToNull(b.getString("Hostname")),
        emptyToNull(b.getString("Domainname")),
        labels(b.getValue("Labels")),
        bool(b, "Tty"),
        bool(b, "OpenStdin"),
        bool(b, "StdinOnce"),
        bool(b, "AttachStdin"),
        bool(b, "AttachStdout"),
        bool(b, "AttachStderr"),
        emptyToNull(b.getString("StopSignal")),
        b.getValue("StopTimeout") == null ? null : number(b, "StopTimeout").intValue(),
        PortBindingsJson.exposed(keys(b.getValue("ExposedPorts"))),
        keys(b.getValue("Volumes")),
        host(object(b, "HostConfig"), object(b, "NetworkingConfig")),
        RunOptionsJson.healthcheck(b.getValue("Healthcheck")));
    CreateValidator.validate(spec);
    IsolationJson.validate(spec.host().isolation(), spec.hostname(), spec.host().memory());
    UnappliedHostConfig.check(object(b, "HostConfig"));
    PortBindingsJson.validateMode(spec);
    return spec;
  }

  static HostSettings host(JsonObject h) {
    return host(h, new JsonObject());
  }

  static HostSettings host(JsonObject h, JsonObject networking) {
    JsonObject rp = object(h, "RestartPolicy");
    String rpName = emptyToNull(rp.getString("Name"));
    String mode = emptyToNull(h.getString("NetworkMode"));
    Number pids = h.getValue("PidsLimit") == null ? null : number(h, "PidsLimit");
    return new HostSettings(
        bool(h, "AutoRemove"),
        longOf(h, "Memory"),
        longOf(h, "MemorySwap"),
        longOf(h, "NanoCpus"),
        longOf(h, "CpuShares"),
        longOf(h, "CpuQuota"),
        longOf(h, "CpuPeriod"),
        pids == null || pids.longValue() == 0 ? null : pids.longValue(),
        bool(h, "Privileged"),
        orEmpty(words(h, "CapAdd")),
        orEmpty(words(h, "CapDrop")),
        bool(h, "ReadonlyRootfs"),
        mode == null ? "default" : mode,
        new RestartPolicy(rpName == null ? "no" : rpName, (int) longOf(rp, "MaximumRetryCount")),
        consoleSize(h.getValue("ConsoleSize")),
        RunOptionsJson.stringMap(h, "Tmpfs"),
        RunOptionsJson.ulimits(h.getValue("Ulimits")),
        orEmpty(words(h, "GroupAdd")),
        orEmpty(words(h, "SecurityOpt")),
        RunOptionsJson.devices(h.getValue("Devices")),
        longOf(h, "ShmSize"),
        RunOptionsJson.stringMap(h, "Sysctls"),
        h.getValue("Init") == null ? null : bool(h, "Init"),
        RunOptionsJson.logOptions(object(h, "LogConfig")),
        MountParser.parse(h.getValue("Binds"), h.getValue("Mounts")),
        orEmpty(words(h, "VolumesFrom")))
        .withPorts(PortBindingsJson.parse(h.getValue("PortBindings")), bool(h, "PublishAllPorts"))
        .withNames(NameResolutionJson.parse(h, networking))
        .withIsolation(IsolationJson.parse(h));
  }

  static String stripSlash(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** A string list field; Docker's strslice also accepts a single string. Null stays null. */
  static List<String> words(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof JsonArray arr) {
      List<String> out = new ArrayList<>(arr.size());
      arr.forEach(x -> out.add(x == null ? "" : x.toString()));
      return out;
    }
    throw WharfException.invalid("invalid " + key + ": expected a list of strings");
  }

  static Map<String, String> labels(Object v) {
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof JsonObject obj)) {
      throw WharfException.invalid("invalid Labels: expected an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    obj.forEach(e -> out.put(e.getKey(), e.getValue() == null ? "" : e.getValue().toString()));
    return out;
  }

  /** Keys of a Docker "set" object such as {@code {"80/tcp":{}}}; null when absent or empty. */
  static List<String> keys(Object v) {
    if (v instanceof JsonObject obj && !obj.isEmpty()) {
      return new ArrayList<>(obj.fieldNames());
    }
    if (v != null && !(v instanceof JsonObject)) {
      throw WharfException.invalid("invalid value " + v + ": expected an object");
    }
    return null;
  }

  static JsonObject object(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return new JsonObject();
    }
    if (v instanceof JsonObject obj) {
      return obj;
    }
    throw WharfException.invalid("invalid " + key + ": expected an object");
  }

  static boolean bool(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw WharfException.invalid("invalid " + key + ": expected a boolean");
  }

  static Number number(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v instanceof Number n) {
      return n;
    }
    throw WharfException.invalid("invalid " + key + ": expected a number");
  }

  static long longOf(JsonObject o, String key) {
    return o.getValue(key) == null ? 0 : number(o, key).longValue();
  }

  private static List<Integer> consoleSize(Object v) {
    if (!(v instanceof JsonArray arr) || arr.size() != 2) {
      return null;
    }
    int h = ((Number) arr.getValue(0)).intValue();
    int w = ((Number) arr.getValue(1)).intValue();
    return h == 0 && w == 0 ? null : List.of(h, w);
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
