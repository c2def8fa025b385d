package io.wharf.node.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import java.io.IOException;

/** runc's JSON log ({@code --log-format=json}): one object per line with level and msg. */
final class RuncLog {
  private RuncLog() {}

  /** The msg of the last "error" (or "fatal") line, or null. */
  static String lastError(String log) {
    String last = null;
    for (String line : log.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = Json.MAPPER.readTree(line);
        String level = n.path("level").asText();
        if (level.equals("error") || level.equals("fatal")) {
          last = n.path("msg").asText();
        }
      } catch (IOException e) {
        // a torn or foreign line: skip it
      }
    }
    return last;
  }
}
