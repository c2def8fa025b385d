package io.wharf.registry.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --change} lines of {@code docker import} (Dockerfile instructions CMD, ENTRYPOINT, ENV,
 * EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL, HEALTHCHECK) applied to an empty container config, rendered
 * as the {@code config} object of a Docker image config. Other instructions are INVALID_ARGUMENT
 * "&lt;instruction&gt; is not a valid change command".
 */
public final class ImportChanges {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private String user = "";
  private List<String> env;
  private List<String> cmd;
  private List<String> entrypoint;
  private String workingDir = "";
  private Map<String, String> labels;
  private Set<String> exposedPorts;
  private Set<String> volumes;
  private String stopSignal;
  private ObjectNode healthcheck;

  /** Parses and applies {@code changes} in order; each may hold several lines. */
  public static ImportChanges parse(List<String> changes) {
    return parseOnto(null, changes);
  }

  /**
   * {@code docker commit}: starts from a container's config (Docker's {@code Config} shape: User,
   * Env, Cmd, Entrypoint, WorkingDir, Labels, ExposedPorts, Volumes, StopSignal; null = empty) and
   * applies {@code changes} on top (ENV replaces a variable of the same name, CMD replaces...).
   */
  public static ImportChanges parseOnto(com.fasterxml.jackson.databind.JsonNode base, List<String> changes) {
    ImportChanges c = new ImportChanges();
    if (base != null) {
      c.seed(base);
    }
    for (String change : changes == null ? List.<String>of() : changes) {
      for (String line : change.split("\n")) {
        if (!line.isBlank()) {
          c.apply(line.strip());
        }
      }
    }
    return c;
  }

  private void apply(String line) {
    int space = line.indexOf(' ');
    String keyword = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : line.substring(space + 1).strip();
    switch (keyword) {
      case "cmd" -> cmd = commandForm(keyword, rest);
      case "entrypoint" -> entrypoint = commandForm(keyword, rest);
      case "env" -> KeyValues.parse(keyword, rest).forEach(this::setEnv);
      case "label" -> {
        labels = labels == null ? new LinkedHashMap<>() : labels;
        labels.putAll(KeyValues.parse(keyword, rest));
      }
      case "expose" -> {
        exposedPorts = exposedPorts == null ? new LinkedHashSet<>() : exposedPorts;
        for (String p : words(keyword, rest)) {
          exposedPorts.add(p.contains("/") ? p.toLowerCase(Locale.ROOT) : p + "/tcp");
        }
      }
      case "volume" -> {
        volumes = volumes == null ? new LinkedHashSet<>() : volumes;
        volumes.addAll(rest.startsWith("[") ? jsonArray(keyword, rest) : words(keyword, rest));
      }
      case "user" -> user = single(keyword, rest);
      case "workdir" -> workingDir = single(keyword, rest);
      case "stopsignal" -> stopSignal = single(keyword, rest);
      case "healthcheck" -> healthcheck = HealthcheckInstruction.parse(rest);
      default -> throw WharfException.invalid(keyword + " is not a valid change command");
    }
  }

  private void seed(com.fasterxml.jackson.databind.JsonNode b) {
    user = b.path("User").asText("");
    workingDir = b.path("WorkingDir").asText("");
    env = strings(b.get("Env"));
    cmd = strings(b.get("Cmd"));
    entrypoint = strings(b.get("Entrypoint"));
    if (b.path("Labels").isObject()) {
      labels = new LinkedHashMap<>();
      b.get("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    }
    if (b.path("ExposedPorts").isObject()) {
      exposedPorts = new LinkedHashSet<>();
      b.get("ExposedPorts").fieldNames().forEachRemaining(exposedPorts::add);
    }
    if (b.path("Volumes").isObject()) {
      volumes = new LinkedHashSet<>();
      b.get("Volumes").fieldNames().forEachRemaining(volumes::add);
    }
    if (b.hasNonNull("StopSignal") && !b.get("StopSignal").asText().isEmpty()) {
      stopSignal = b.get("StopSignal").asText();
    }
  }

  private static List<String> strings(com.fasterxml.jackson.databind.JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private void setEnv(String key, String value) {
    env = env == null ? new ArrayList<>() : env;
    env.removeIf(e -> e.equals(key) || e.startsWith(key + "="));
    env.add(key + "=" + value);
  }

  /** JSON (exec) form as given; shell form becomes ["/bin/sh", "-c", rest]. */
  private static List<String> commandForm(String keyword, String rest) {
    if (rest.isEmpty()) {
      throw WharfException.invalid(keyword.toUpperCase(Locale.ROOT) + " requires at least one argument");
    }
    if (rest.startsWith("[")) {
      try {
        return Json.MAPPER.readValue(rest, STRINGS);
      } catch (Exception e) {
        // not a JSON array of strings: Docker then treats it as shell form
      }
    }
    return List.of("/bin/sh", "-c", rest);
  }

  private static List<String> jsonArray(String keyword, String rest) {
    try {
      return Json.MAPPER.readValue(rest, STRINGS);
    } catch (Exception e) {
      throw WharfException.invalid(keyword.toUpperCase(Locale.ROOT) + ": invalid JSON array " + rest);
    }
  }

  private static List<String> words(String keyword, String rest) {
    if (rest.isEmpty()) {
      throw WharfException.invalid(keyword.toUpperCase(Locale.ROOT) + " requires at least one argument");
    }
    return List.of(rest.split("\\s+"));
  }

  private static String single(String keyword, String rest) {
    if (rest.isEmpty()) {
      throw WharfException.invalid(keyword.toUpperCase(Locale.ROOT) + " requires exactly one argument");
    }
    return KeyValues.unquote(rest);
  }

  /** The {@code config} object in Docker's field order, unset fields as Docker writes them. */
  public ObjectNode toContainerConfig() {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("Hostname", "");
    c.put("Domainname", "");
    c.put("User", user);
    c.put("AttachStdin", false);
    c.put("AttachStdout", false);
    c.put("AttachStderr", false);
    if (exposedPorts != null) {
      ObjectNode ports = c.putObject("ExposedPorts");
      exposedPorts.forEach(p -> ports.putObject(p));
    }
    c.put("Tty", false);
    c.put("OpenStdin", false);
    c.put("StdinOnce", false);
    c.set("Env", Json.MAPPER.valueToTree(env));
    c.set("Cmd", Json.MAPPER.valueToTree(cmd));
    c.put("Image", "");
    if (volumes == null) {
      c.putNull("Volumes");
    } else {
      ObjectNode vs = c.putObject("Volumes");
      volumes.forEach(v -> vs.putObject(v));
    }
    c.put("WorkingDir", workingDir);
    c.set("Entrypoint", Json.MAPPER.valueToTree(entrypoint));
    c.putNull("OnBuild");
    c.set("Labels", Json.MAPPER.valueToTree(labels));
    if (stopSignal != null) {
      c.put("StopSignal", stopSignal);
    }
    if (healthcheck != null) {
      c.set("Healthcheck", healthcheck);
    }
    return c;
  }
}
