package io.wharf.node.build;

import io.wharf.node.build.dockerfile.DockerfileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EXPOSE words: {@code 80}, {@code 80/udp}, {@code 8000-8002/tcp} become "80/tcp"... Pure. */
final class PortSpecs {
  private static final Pattern PORT = Pattern.compile("^(\\d{1,5})(?:-(\\d{1,5}))?(?:/(tcp|udp|sctp))?$");

  private PortSpecs() {}

  static List<String> expand(String word, int line) throws DockerfileException {
    Matcher m = PORT.matcher(word.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new DockerfileException("invalid containerPort: " + word, line);
    }
    int from = Integer.parseInt(m.group(1));
    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
    String proto = m.group(3) == null ? "tcp" : m.group(3);
    if (from < 1 || to > 65535 || to < from) {
      throw new DockerfileException("invalid port range: " + word, line);
    }
    List<String> out = new ArrayList<>();
    for (int p = from; p <= to; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }
}
