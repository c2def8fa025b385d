package io.wharf.node.net;

import io.wharf.api.WharfException;
import io.wharf.node.runtime.HostCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the node agent runs {@code ip}, {@code iptables} and {@code sysctl}. Blocking:
 * call from a worker. {@link #run} fails with the tool's stderr; {@link #tryRun} reports success.
 */
public class HostNet {
  private static final long TIMEOUT_MS = 10_000;

  public void run(String... command) {
    HostCommand.Result r = HostCommand.run(List.of(command), TIMEOUT_MS);
    if (!r.ok()) {
      throw WharfException.internal(String.join(" ", command) + " failed: " + r.stderr().strip(), null);
    }
  }

  public boolean tryRun(String... command) {
    return HostCommand.run(List.of(command), TIMEOUT_MS).ok();
  }

  /**
   * Runs several {@code ip} commands in one process ({@code ip [-n netns] -batch -}), because
   * each fork costs milliseconds on the container start path. {@code netns} may be null.
   */
  public void ipBatch(String netns, List<String> lines) {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    if (netns != null) {
      cmd.addAll(List.of("-n", netns));
    }
    java.nio.file.Path file = null;
    try {
      file = java.nio.file.Files.createTempFile("wharf-ip", ".batch");
      java.nio.file.Files.writeString(file, String.join("\n", lines) + "\n");
      cmd.addAll(List.of("-batch", file.toString()));
      HostCommand.Result r = HostCommand.run(cmd, TIMEOUT_MS);
      if (!r.ok()) {
        throw WharfException.internal("ip -batch " + lines + " failed: " + r.stderr().strip(), null);
      }
    } catch (java.io.IOException e) {
      throw WharfException.internal("cannot write an ip batch file: " + e.getMessage(), e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }

  /** {@code ip netns exec <ns> <command...>}. */
  public void inNetns(String netns, String... command) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    all.addAll(List.of(command));
    run(all.toArray(String[]::new));
  }

  /** Adds an iptables rule unless an identical one exists ({@code -C} first). */
  public void ensureRule(String table, String chain, String... spec) {
    List<String> check = new ArrayList<>(List.of("iptables", "-w", "-t", table, "-C", chain));
    check.addAll(List.of(spec));
    if (!tryRun(check.toArray(String[]::new))) {
      List<String> add = new ArrayList<>(List.of("iptables", "-w", "-t", table, "-A", chain));
      add.addAll(List.of(spec));
      run(add.toArray(String[]::new));
    }
  }

  /** Removes every copy of an iptables rule; absent is fine. */
  public void deleteRule(String table, String chain, String... spec) {
    List<String> del = new ArrayList<>(List.of("iptables", "-w", "-t", table, "-D", chain));
    del.addAll(List.of(spec));
    for (int i = 0; i < 5 && tryRun(del.toArray(String[]::new)); i++) {
      // repeat: a crash between check and add may have left duplicates
    }
  }
}
