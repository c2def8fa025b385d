package io.wharf.node.stats;

import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Docker's {@code top}: the host's {@code ps} output kept to the container's processes. The
 * titles are the header's fields; each row is split into as many fields, the last one keeping its
 * spaces (the command line). Pure.
 */
public final class PsOutput {
  private PsOutput() {}

  public record Table(List<String> titles, List<List<String>> processes) {}

  /** @throws WharfException INVALID_ARGUMENT when the output has no PID column */
  public static Table filter(String output, Collection<Integer> pids) {
    String[] lines = output.split("\n");
    List<String> titles = fields(lines.length > 0 ? lines[0] : "");
    int pidIndex = titles.indexOf("PID");
    if (pidIndex < 0) {
      throw WharfException.invalid("Couldn't find PID field in ps output");
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      List<String> f = fields(lines[i]);
      if (f.size() <= pidIndex) {
        continue;
      }
      int pid;
      try {
        pid = Integer.parseInt(f.get(pidIndex));
      } catch (NumberFormatException e) {
        throw WharfException.invalid("Unexpected pid '" + f.get(pidIndex) + "' in ps output");
      }
      if (pids.contains(pid)) {
        rows.add(merge(f, titles.size()));
      }
    }
    return new Table(titles, rows);
  }

  private static List<String> merge(List<String> f, int columns) {
    if (f.size() <= columns) {
      return f;
    }
    List<String> out = new ArrayList<>(f.subList(0, columns - 1));
    out.add(String.join(" ", f.subList(columns - 1, f.size())));
    return out;
  }

  private static List<String> fields(String line) {
    String t = line.strip();
    return t.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(t.split("\\s+")));
  }
}
