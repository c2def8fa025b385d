package io.wharf.launcher;

/** What the command line asked for. */
public sealed interface Command {

  /** {@code wharf --help}, {@code wharf help}, {@code wharf daemon --help}. */
  record Help() implements Command {}

  /** {@code wharf version}, {@code wharf --version}. */
  record Version() implements Command {}

  /** {@code wharf daemon [flags]}. */
  record Daemon(DaemonOptions options) implements Command {}
}
