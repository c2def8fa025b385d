package io.wharf.gateway.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Docker route template into the regex the router matches, accepting an optional
 * {@code /vX.Y} prefix. {@code {id}} matches one path segment; {@code {name+}} matches one or more
 * segments, because image names travel unencoded with slashes and colons
 * ({@code /images/127.0.0.1:5000/app:1/json}). Parameters are regex named groups, so handlers read
 * them with {@code ctx.pathParam("id")}.
 */
public final class RoutePattern {
  private RoutePattern() {}

  private static final String VERSION_PREFIX = "^(?:/v[0-9][0-9.]*)?";
  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)(\\+?)}");

  public static String regex(String template) {
    StringBuilder out = new StringBuilder(VERSION_PREFIX);
    Matcher m = PARAM.matcher(template);
    int last = 0;
    while (m.find()) {
      out.append(Pattern.quote(template.substring(last, m.start())));
      out.append("(?<").append(m.group(1)).append('>').append(m.group(2).isEmpty() ? "[^/]+" : ".+").append(')');
      last = m.end();
    }
    out.append(Pattern.quote(template.substring(last))).append('$');
    return out.toString();
  }
}
