package io.wharf.node.build;

import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code docker build --add-host}: the {@code extrahosts} query values ("name:ip", or "name=ip" as
 * newer CLIs also accept; an IPv6 address follows the first separator) turned into the lines the
 * RUN containers' /etc/hosts gets ("ip\tname"). Addresses must be literals: nothing is resolved.
 */
final class ExtraHostEntries {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private ExtraHostEntries() {}

  /** Validated /etc/hosts lines, in the order given; throws INVALID_ARGUMENT naming the bad value. */
  static List<String> parse(List<String> values) {
    List<String> lines = new ArrayList<>();
    for (String value : values) {
      if (value == null || value.isEmpty()) {
        continue;
      }
      int eq = value.indexOf('=');
      int colon = value.indexOf(':');
      int sep = eq > 0 && (colon < 0 || eq < colon) ? eq : colon;
      if (sep <= 0 || sep == value.length() - 1) {
        throw WharfException.invalid("bad format for add-host: \"" + value + "\"");
      }
      String name = value.substring(0, sep);
      String ip = value.substring(sep + 1);
      if (ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      if (!NAME.matcher(name).matches()) {
        throw WharfException.invalid("invalid hostname in add-host: \"" + value + "\"");
      }
      if (ip.equals("host-gateway")) {
        throw WharfException.invalid("add-host \"" + value + "\": host-gateway is not supported by the build");
      }
      if (!isIpLiteral(ip)) {
        throw WharfException.invalid("invalid IP address in add-host: \"" + ip + "\"");
      }
      lines.add(ip + "\t" + name);
    }
    return List.copyOf(lines);
  }

  private static boolean isIpLiteral(String ip) {
    var v4 = IPV4.matcher(ip);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return false;
        }
      }
      return true;
    }
    if (!IPV6.matcher(ip).matches()) {
      return false;
    }
    try {
      // a string of hex digits, colons and dots is parsed as a literal, never looked up
      java.net.InetAddress.getByName(ip);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
