package io.wharf.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from a resource Maven filters at build time. */
public final class WharfVersion {
  private WharfVersion() {}

  public static String get() {
    Properties p = new Properties();
    try (InputStream in = WharfVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
