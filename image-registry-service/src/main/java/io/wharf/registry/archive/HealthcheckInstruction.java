package io.wharf.registry.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Dockerfile {@code HEALTHCHECK [--interval=D] [--timeout=D] [--start-period=D] [--retries=N]
 * CMD command | NONE} as the image config's {@code Healthcheck} object (Test, Interval, Timeout,
 * StartPeriod in nanoseconds, Retries). Durations use Go's syntax: "30s", "1m30s", "500ms".
 */
final class HealthcheckInstruction {
  private HealthcheckInstruction() {}

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  /** @throws WharfException INVALID_ARGUMENT for an unknown flag, a bad duration or no command */
  static ObjectNode parse(String rest) {
    ObjectNode h = Json.MAPPER.createObjectNode();
    String s = rest.strip();
    List<String> flags = new ArrayList<>();
    while (s.startsWith("--")) {
      int space = s.indexOf(' ');
      flags.add(space < 0 ? s : s.substring(0, space));
      s = space < 0 ? "" : s.substring(space + 1).strip();
    }
    int space = s.indexOf(' ');
    String kind = (space < 0 ? s : s.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
    String command = space < 0 ? "" : s.substring(space + 1).strip();
    if (kind.equals("NONE")) {
      if (!flags.isEmpty() || !command.isEmpty()) {
        throw WharfException.invalid("HEALTHCHECK NONE takes no arguments");
      }
      h.putArray("Test").add("NONE");
      return h;
    }
    if (!kind.equals("CMD") || command.isEmpty()) {
      throw WharfException.invalid("Unknown type \"" + kind + "\" in HEALTHCHECK (try CMD)");
    }
    List<String> test = new ArrayList<>();
    if (command.startsWith("[")) {
      try {
        test.add("CMD");
        test.addAll(Json.MAPPER.readValue(command, STRINGS));
      } catch (Exception e) {
        test.clear();
      }
    }
    if (test.isEmpty()) {
      test.add("CMD-SHELL");
      test.add(command);
    }
    h.set("Test", Json.MAPPER.valueToTree(test));
    for (String flag : flags) {
      applyFlag(h, flag);
    }
    return h;
  }

  private static void applyFlag(ObjectNode h, String flag) {
    int eq = flag.indexOf('=');
    String name = eq < 0 ? flag : flag.substring(0, eq);
    String value = eq < 0 ? "" : flag.substring(eq + 1);
    switch (name) {
      case "--interval" -> h.put("Interval", durationNanos(value));
      case "--timeout" -> h.put("Timeout", durationNanos(value));
      case "--start-period" -> h.put("StartPeriod", durationNanos(value));
      case "--retries" -> {
        if (!value.matches("[0-9]{1,9}")) {
          throw WharfException.invalid("HEALTHCHECK: invalid --retries value " + value);
        }
        h.put("Retries", Integer.parseInt(value));
      }
      default -> throw WharfException.invalid("Unknown flag: " + name.substring(2));
    }
  }

  /** Go's time.ParseDuration for non-negative values. */
  static long durationNanos(String text) {
    try {
      return io.wharf.api.image.GoDuration.nanos(text);
    } catch (IllegalArgumentException e) {
      throw WharfException.invalid(e.getMessage());
    }
  }

}
