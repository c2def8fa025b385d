package io.wharf.node.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Instruction#shellCommand()} is what a real POSIX shell reads as a here-document. */
class HeredocShellTest {
  private static String run(String dockerfileLine) throws Exception {
    Instruction in = DockerfileParser.parse("FROM a\n" + dockerfileLine).stages().get(0).instructions().get(0);
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", in.shellCommand());
    pb.environment().put("X", "expanded");
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void unquotedDelimiterExpandsQuotedDoesNot() throws Exception {
    assertEquals("a expanded\n", run("RUN cat <<EOF\na $X\nEOF\n"));
    assertEquals("a $X\n", run("RUN cat <<'EOF'\na $X\nEOF\n"));
    assertEquals("one\ntwo\n", run("RUN cat <<A && cat <<-B\none\nA\n\ttwo\n\tB\n"));
  }
}
