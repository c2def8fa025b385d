package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wharf's default seccomp filter in OCI form ({@code linux.seccomp}): an allowlist with
 * {@code SCMP_ACT_ERRNO} (EPERM) as the default. The syscall groups live in {@code seccomp-allow.txt}
 * (an "[always]" section and sections opened by a capability). Three calls need argument rules:
 * clone may not create namespaces without CAP_SYS_ADMIN, clone3 (whose flags seccomp cannot see)
 * answers ENOSYS so libc falls back to clone, and personality accepts only the harmless personas.
 */
public final class SeccompProfile {
  private SeccompProfile() {}

  static final int EPERM = 1;
  static final int ENOSYS = 38;
  /** CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET. */
  static final long CLONE_NAMESPACE_FLAGS = 0x7E020000L;
  /** PER_LINUX, UNAME26, PER_LINUX32, PER_LINUX32|UNAME26, and the query 0xffffffff. */
  static final List<Long> PERSONAS = List.of(0x0L, 0x8L, 0x20000L, 0x20008L, 0xffffffffL);
  static final List<String> ARCHITECTURES = List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32",
      "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");

  private static final Map<String, List<String>> SECTIONS = load();

  /** The filter for a container holding {@code capabilities} ("CAP_SYS_ADMIN", ...). */
  public static ObjectNode forCapabilities(List<String> capabilities) {
    Set<String> allowed = new LinkedHashSet<>(SECTIONS.get("always"));
    for (String cap : capabilities) {
      allowed.addAll(SECTIONS.getOrDefault(cap, List.of()));
    }
    boolean sysAdmin = capabilities.contains("CAP_SYS_ADMIN");
    allowed.remove("clone3");
    ObjectNode profile = Json.MAPPER.createObjectNode();
    profile.put("defaultAction", "SCMP_ACT_ERRNO");
    profile.put("defaultErrnoRet", EPERM);
    ArrayNode arches = profile.putArray("architectures");
    ARCHITECTURES.forEach(arches::add);
    ArrayNode syscalls = profile.putArray("syscalls");
    ObjectNode allow = syscalls.addObject();
    allowed.forEach(allow.putArray("names")::add);
    allow.put("action", "SCMP_ACT_ALLOW");
    if (sysAdmin) {
      allowRule(syscalls, "clone");
      allowRule(syscalls, "clone3");
    } else {
      ObjectNode clone = allowRule(syscalls, "clone");
      clone.putArray("args").addObject().put("index", 0).put("value", CLONE_NAMESPACE_FLAGS)
          .put("valueTwo", 0).put("op", "SCMP_CMP_MASKED_EQ");
      ObjectNode clone3 = syscalls.addObject();
      clone3.putArray("names").add("clone3");
      clone3.put("action", "SCMP_ACT_ERRNO");
      clone3.put("errnoRet", ENOSYS);
    }
    for (long persona : PERSONAS) {
      allowRule(syscalls, "personality").putArray("args").addObject().put("index", 0).put("value", persona)
          .put("op", "SCMP_CMP_EQ");
    }
    return profile;
  }

  private static ObjectNode allowRule(ArrayNode syscalls, String name) {
    ObjectNode rule = syscalls.addObject();
    rule.putArray("names").add(name);
    rule.put("action", "SCMP_ACT_ALLOW");
    return rule;
  }

  /** The syscall names of one section, for tests. */
  static List<String> section(String name) {
    return SECTIONS.getOrDefault(name, List.of());
  }

  private static Map<String, List<String>> load() {
    try (InputStream in = SeccompProfile.class.getResourceAsStream("seccomp-allow.txt")) {
      if (in == null) {
        throw new IllegalStateException("seccomp-allow.txt missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "[section]" headers, then names separated by blanks; '#' starts a comment. */
  static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String raw : text.split("\n")) {
      String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')).strip() : raw.strip();
      if (line.startsWith("[") && line.endsWith("]")) {
        current = out.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
      } else if (!line.isEmpty()) {
        if (current == null) {
          throw new IllegalStateException("syscall names before the first section: " + line);
        }
        for (String name : line.split("\\s+")) {
          current.add(name);
        }
      }
    }
    return out;
  }

  /**
   * A user's profile (the JSON the CLI inlined) as OCI {@code linux.seccomp}: Docker's format
   * ("archMap", rules with "includes"/"excludes" by capability) is reduced to the OCI fields; a rule
   * is kept when the container holds all capabilities it includes and none it excludes.
   *
   * @throws WharfException INVALID_ARGUMENT when the JSON is not a profile
   */
  public static ObjectNode fromUser(String json, List<String> capabilities) {
    JsonNode in;
    try {
      in = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw WharfException.invalid("Decoding seccomp profile failed: " + e.getMessage());
    }
    if (in == null || !in.isObject() || !in.path("defaultAction").isTextual()) {
      throw WharfException.invalid("Decoding seccomp profile failed: no defaultAction");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("defaultAction", in.path("defaultAction").asText());
    if (in.has("defaultErrnoRet")) {
      out.set("defaultErrnoRet", in.get("defaultErrnoRet"));
    }
    ArrayNode arches = out.putArray("architectures");
    in.path("architectures").forEach(arches::add);
    in.path("archMap").forEach(m -> {
      arches.add(m.path("architecture"));
      m.path("subArchitectures").forEach(arches::add);
    });
    ArrayNode syscalls = out.putArray("syscalls");
    for (JsonNode rule : in.path("syscalls")) {
      if (!capsMatch(rule.path("includes").path("caps"), capabilities, true)
          || !capsMatch(rule.path("excludes").path("caps"), capabilities, false)) {
        continue;
      }
      ObjectNode r = syscalls.addObject();
      r.set("names", rule.has("names") ? rule.get("names") : Json.MAPPER.createArrayNode().add(rule.path("name")));
      r.set("action", rule.path("action"));
      for (String field : List.of("args", "errnoRet")) {
        if (rule.hasNonNull(field)) {
          r.set(field, rule.get(field));
        }
      }
    }
    return out;
  }

  private static boolean capsMatch(JsonNode caps, List<String> held, boolean include) {
    for (JsonNode c : caps) {
      if (held.contains(c.asText()) != include) {
        return false;
      }
    }
    return true;
  }
}
