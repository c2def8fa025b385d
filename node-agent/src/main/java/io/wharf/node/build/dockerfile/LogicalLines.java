package io.wharf.node.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into logical lines, as Docker's parser does: parser directives ({@code # escape=},
 * {@code # syntax=}) only before anything else; comment lines (first non-blank character {@code #})
 * skipped anywhere, also between continuation lines; a line ending in the escape character (plus
 * blanks) continues on the next one, which is appended as written (its leading blanks kept); blank
 * continuation lines are skipped. The first physical line of an instruction loses its leading blanks.
 * Heredoc bodies of RUN/COPY/ADD ({@code <<EOF}) are taken verbatim up to their delimiter line.
 */
final class LogicalLines {
  /** One instruction's text before it is split into keyword and arguments. */
  record Line(int number, String text, List<Heredoc> heredocs) {}

  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");
  private static final Pattern HEREDOC_KEYWORD = Pattern.compile("(?i)^(RUN|COPY|ADD)\\s.*");

  private final String[] raw;
  private char escape = Dockerfile.DEFAULT_ESCAPE;
  private Pattern continuation = continuationFor(escape);
  private int next;

  private LogicalLines(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    this.raw = body.split("\r?\n", -1);
  }

  /** The escape character and the logical lines of {@code text}. */
  static LogicalLines read(String text) throws DockerfileException {
    LogicalLines lines = new LogicalLines(text);
    lines.readDirectives();
    return lines;
  }

  char escape() {
    return escape;
  }

  /** All logical lines in order. */
  List<Line> all() throws DockerfileException {
    List<Line> out = new ArrayList<>();
    for (Line l = nextLine(); l != null; l = nextLine()) {
      out.add(l);
    }
    return out;
  }

  private void readDirectives() throws DockerfileException {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (; next < raw.length; next++) {
      Matcher m = DIRECTIVE.matcher(raw[next].strip());
      if (!m.matches()) {
        return;
      }
      String name = m.group(1).toLowerCase(Locale.ROOT);
      if (!name.equals("escape") && !name.equals("syntax")) {
        return;
      }
      if (!seen.add(name)) {
        throw DockerfileException.atLine(next + 1, "only one " + name + " parser directive can be used");
      }
      if (name.equals("escape")) {
        setEscape(m.group(2), next + 1);
      }
    }
  }

  private void setEscape(String token, int line) throws DockerfileException {
    if (!token.equals("`") && !token.equals("\\")) {
      throw DockerfileException.atLine(line, "invalid escape token '" + token + "' does not match ` or \\");
    }
    escape = token.charAt(0);
    continuation = continuationFor(escape);
  }

  private static Pattern continuationFor(char escape) {
    return Pattern.compile(Pattern.quote(String.valueOf(escape)) + "[ \t]*$");
  }

  private Line nextLine() throws DockerfileException {
    while (next < raw.length) {
      int number = next + 1;
      String first = raw[next++].stripLeading();
      if (first.isEmpty() || first.startsWith("#")) {
        continue;
      }
      StringBuilder text = new StringBuilder();
      boolean more = appendTrimmed(text, first);
      while (more && next < raw.length) {
        String line = raw[next++];
        if (line.stripLeading().startsWith("#") || line.isBlank()) {
          continue;
        }
        more = appendTrimmed(text, line);
      }
      String joined = text.toString();
      return new Line(number, joined, heredocs(joined, number));
    }
    return null;
  }

  /** Appends the line without its continuation marker; true when the instruction continues. */
  private boolean appendTrimmed(StringBuilder text, String line) {
    Matcher m = continuation.matcher(line);
    if (m.find()) {
      text.append(line, 0, m.start());
      return true;
    }
    text.append(line);
    return false;
  }

  /** Reads the bodies of the heredocs the instruction names, consuming their lines. */
  private List<Heredoc> heredocs(String instruction, int number) throws DockerfileException {
    if (!HEREDOC_KEYWORD.matcher(instruction).matches()) {
      return List.of();
    }
    List<Heredoc> docs = new ArrayList<>();
    Matcher m = HEREDOC.matcher(instruction);
    while (m.find()) {
      boolean stripTabs = !m.group(1).isEmpty();
      docs.add(new Heredoc(m.group(3), body(m.group(3), stripTabs, number), m.group(2).isEmpty()));
    }
    return docs;
  }

  private String body(String delimiter, boolean stripTabs, int number) throws DockerfileException {
    StringBuilder body = new StringBuilder();
    while (next < raw.length) {
      String line = raw[next++];
      String content = stripTabs ? line.replaceFirst("^\t+", "") : line;
      if (content.equals(delimiter)) {
        return body.toString();
      }
      body.append(content).append('\n');
    }
    throw DockerfileException.atLine(number, "unterminated heredoc " + delimiter);
  }
}
