package io.wharf.gateway.container;

import java.util.regex.Pattern;

/** The syntax of a cpuset list ("0-2,4"), as dockerd parses --cpuset-cpus and --cpuset-mems. */
final class CpuSet {
  private CpuSet() {}

  private static final Pattern LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

  /** True for a well-formed list whose ranges ascend. */
  static boolean isValid(String list) {
    if (!LIST.matcher(list).matches()) {
      return false;
    }
    for (String part : list.split(",")) {
      String[] ends = part.split("-");
      if (ends.length == 2 && Long.parseLong(ends[0]) > Long.parseLong(ends[1])) {
        return false;
      }
    }
    return true;
  }
}
