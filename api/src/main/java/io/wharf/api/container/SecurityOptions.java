package io.wharf.api.container;

import io.wharf.api.WharfException;
import java.util.List;

/**
 * HostConfig.SecurityOpt parsed the way dockerd reads it: {@code no-new-privileges[=|:true|false]},
 * {@code seccomp=unconfined}, {@code seccomp=<profile JSON>} (the CLI inlines a profile file),
 * {@code apparmor=...} and {@code label=...} (accepted and ignored: this host has neither).
 *
 * @param seccompProfile null: Wharf's default profile; {@link #UNCONFINED}: none; else the JSON
 */
public record SecurityOptions(boolean noNewPrivileges, String seccompProfile) {
  public static final String UNCONFINED = "unconfined";

  /** @throws WharfException INVALID_ARGUMENT for an option dockerd does not know */
  public static SecurityOptions parse(List<String> opts) {
    boolean nnp = false;
    String seccomp = null;
    for (String opt : opts == null ? List.<String>of() : opts) {
      int eq = opt.indexOf('=');
      int colon = opt.indexOf(':');
      int sep = eq >= 0 ? eq : colon;
      String key = sep >= 0 ? opt.substring(0, sep) : opt;
      String value = sep >= 0 ? opt.substring(sep + 1) : null;
      switch (key) {
        case "no-new-privileges" -> nnp = parseBool(opt, value);
        case "seccomp" -> seccomp = requireValue(opt, value);
        case "apparmor", "label" -> requireValue(opt, value);
        case "systempaths" -> {
          if (!UNCONFINED.equals(value)) {
            throw invalid(opt);
          }
        }
        default -> throw invalid(opt);
      }
    }
    return new SecurityOptions(nnp, seccomp);
  }

  public boolean unconfined() {
    return UNCONFINED.equals(seccompProfile);
  }

  private static boolean parseBool(String opt, String value) {
    if (value == null || value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw WharfException.invalid("invalid --security-opt 2: \"" + opt + "\"");
  }

  private static String requireValue(String opt, String value) {
    if (value == null || value.isEmpty()) {
      throw invalid(opt);
    }
    return value;
  }

  private static WharfException invalid(String opt) {
    return WharfException.invalid("invalid --security-opt 2: \"" + opt + "\"");
  }
}
