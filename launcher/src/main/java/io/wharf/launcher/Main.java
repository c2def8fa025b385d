package io.wharf.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Entry point of the {@code wharf} executable. Exit codes: 0 ok, 1 failure, 2 bad usage. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(List.of(args)));
  }

  static int run(List<String> args) throws InterruptedException {
    Command command;
    try {
      command = new WharfCommandLine(hostName()).parse(args);
    } catch (UsageException e) {
      System.err.println("wharf: " + e.getMessage());
      return 2;
    }
    if (command instanceof Command.Help) {
      System.out.print(WharfCommandLine.USAGE);
      return 0;
    }
    if (command instanceof Command.Version) {
      System.out.println("wharf version " + WharfVersion.get() + " (Java " + Runtime.version() + ")");
      return 0;
    }
    LogSetup.configure(); // before the first logger exists
    DaemonOptions options = ((Command.Daemon) command).options();
    String path = System.getenv("PATH");
    return new Daemon(withResolvedPrograms(options, path)).run();
  }

  private static DaemonOptions withResolvedPrograms(DaemonOptions o, String path) {
    return new DaemonOptions(o.dataRoot(), o.runDir(), o.socket(), o.nodeName(), o.join(), o.roles(),
        o.bind(), o.clusterPort(), o.registryPort(), o.tcp(), o.heartbeatTimeoutSeconds(),
        o.clusterName(), ExecutablePath.resolve(o.runtime(), path), ExecutablePath.resolve(o.conmon(), path),
        o.insecureRegistries(), o.registryMirrors(), o.registryConfig());
  }

  /** The kernel's host name, without a DNS lookup. */
  static String hostName() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      return name.isEmpty() ? "localhost" : name;
    } catch (IOException e) {
      return "localhost";
    }
  }
}
