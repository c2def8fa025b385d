package io.wharf.node.build;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.node.build.dockerfile.DockerfileException;
import io.wharf.node.build.dockerfile.Instruction;
import java.util.List;

/**
 * HEALTHCHECK into Docker's config {@code Healthcheck}: {@code NONE} disables; {@code CMD} exec form
 * becomes {@code ["CMD", ...]}, shell form {@code ["CMD-SHELL", "..."]}; the duration flags
 * (Go syntax: 30s, 1m30s, 500ms) become nanoseconds, {@code --retries} an int. Pure.
 */
final class HealthcheckFlags {

  private HealthcheckFlags() {}

  static ObjectNode toConfig(Instruction in) throws DockerfileException {
    List<String> args = in.args();
    ObjectNode hc = Json.MAPPER.createObjectNode();
    ArrayNode test = hc.putArray("Test");
    if (args.isEmpty()) {
      throw new DockerfileException("HEALTHCHECK requires an argument", in.line());
    }
    String kind = args.get(0).toUpperCase(java.util.Locale.ROOT);
    if (kind.equals("NONE")) {
      if (args.size() > 1 || !in.flags().isEmpty()) {
        throw new DockerfileException("HEALTHCHECK NONE takes no arguments", in.line());
      }
      test.add("NONE");
      return hc;
    }
    if (!kind.equals("CMD") || args.size() < 2) {
      throw new DockerfileException("Unknown type \"" + args.get(0) + "\" in HEALTHCHECK (try CMD)", in.line());
    }
    List<String> rest = args.subList(1, args.size());
    if (in.json()) {
      test.add("CMD");
      rest.forEach(test::add);
    } else {
      test.add("CMD-SHELL").add(String.join(" ", rest));
    }
    putDuration(hc, "Interval", in, "interval");
    putDuration(hc, "Timeout", in, "timeout");
    putDuration(hc, "StartPeriod", in, "start-period");
    putDuration(hc, "StartInterval", in, "start-interval");
    String retries = in.flag("retries");
    if (retries != null) {
      try {
        int n = Integer.parseInt(retries);
        if (n < 1) {
          throw new NumberFormatException();
        }
        hc.put("Retries", n);
      } catch (NumberFormatException e) {
        throw new DockerfileException("--retries must be at least 1", in.line());
      }
    }
    return hc;
  }

  private static void putDuration(ObjectNode hc, String field, Instruction in, String flag) throws DockerfileException {
    String v = in.flag(flag);
    if (v != null) {
      long ns = nanos(v, in.line(), flag);
      if (ns != 0) {
        hc.put(field, ns);
      }
    }
  }

  /** A Go duration string in nanoseconds; "0" is 0; Docker refuses non-zero values under 1 ms. */
  static long nanos(String text, int line, String flag) throws DockerfileException {
    long total;
    try {
      total = io.wharf.api.image.GoDuration.nanos(text);
    } catch (IllegalArgumentException e) {
      throw new DockerfileException("Interval \"" + flag + "\" cannot be parsed: " + e.getMessage(), line);
    }
    if (total == 0) {
      return 0;
    }
    if (total < 1_000_000) {
      throw new DockerfileException("Interval \"" + flag + "\" cannot be less than 1ms", line);
    }
    return total;
  }
}
