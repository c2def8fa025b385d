package io.wharf.node.runtime;

import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves Docker's {@code User} ("", "uid", "uid:gid", "name", "name:group", mixed) against the
 * container's /etc/passwd and /etc/group, the way runc's user lookup does: a numeric uid needs no
 * passwd entry, a name must have one; without an explicit group the primary gid comes from passwd
 * and the supplementary gids are the groups that list the user as a member.
 */
public final class UserResolver {
  private final List<String[]> passwd;
  private final List<String[]> group;

  /** Entries already split on ':' (tests use this directly). */
  public UserResolver(List<String> passwdLines, List<String> groupLines) {
    this.passwd = split(passwdLines);
    this.group = split(groupLines);
  }

  /**
   * Reads {@code rootfs/etc/passwd} and {@code rootfs/etc/group}; missing files are empty, and so is
   * a file whose symlinks lead outside the rootfs (an image must not make us read host files).
   * Blocks.
   */
  public static UserResolver forRootfs(Path rootfs) {
    return new UserResolver(readInside(rootfs, "etc/passwd"), readInside(rootfs, "etc/group"));
  }

  private static List<String> readInside(Path rootfs, String relative) {
    try {
      Path real = rootfs.resolve(relative).toRealPath();
      return real.startsWith(rootfs.toRealPath()) ? readLines(real) : List.of();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw WharfException.internal("cannot resolve " + relative + " in " + rootfs + ": " + e.getMessage(), e);
    }
  }

  /** @throws WharfException INVALID_ARGUMENT when a name is unknown or a number is out of range */
  public ResolvedUser resolve(String user) {
    String spec = user == null ? "" : user.trim();
    String userPart = spec;
    String groupPart = null;
    int colon = spec.indexOf(':');
    if (colon >= 0) {
      userPart = spec.substring(0, colon);
      groupPart = spec.substring(colon + 1);
    }
    String[] entry = findUser(userPart.isEmpty() ? "0" : userPart);
    long uid;
    long gid = 0;
    if (entry != null) {
      uid = number(entry[2], spec);
      gid = number(entry[3], spec);
    } else if (isNumber(userPart) || userPart.isEmpty()) {
      uid = userPart.isEmpty() ? 0 : number(userPart, spec);
    } else {
      throw WharfException.invalid("unable to find user " + userPart + ": no matching entries in passwd file");
    }
    if (groupPart != null && !groupPart.isEmpty()) {
      return new ResolvedUser(uid, resolveGroup(groupPart, spec), List.of());
    }
    return new ResolvedUser(uid, gid, entry == null ? List.of() : memberships(entry[0], gid));
  }

  private String[] findUser(String nameOrUid) {
    boolean numeric = isNumber(nameOrUid);
    for (String[] e : passwd) {
      if (e.length >= 4 && (numeric ? e[2].equals(nameOrUid) : e[0].equals(nameOrUid))) {
        return e;
      }
    }
    return null;
  }

  /** A --group-add value: a number, or a group name of the container's /etc/group. */
  public long resolveGroupId(String nameOrGid) {
    return resolveGroup(nameOrGid, nameOrGid);
  }

  private long resolveGroup(String nameOrGid, String spec) {
    if (isNumber(nameOrGid)) {
      return number(nameOrGid, spec);
    }
    for (String[] e : group) {
      if (e.length >= 3 && e[0].equals(nameOrGid)) {
        return number(e[2], spec);
      }
    }
    throw WharfException.invalid("unable to find group " + nameOrGid + ": no matching entries in group file");
  }

  private List<Long> memberships(String userName, long primaryGid) {
    List<Long> gids = new ArrayList<>();
    for (String[] e : group) {
      if (e.length >= 4 && List.of(e[3].split(",")).contains(userName)) {
        long gid = Long.parseLong(e[2]);
        if (gid != primaryGid && !gids.contains(gid)) {
          gids.add(gid);
        }
      }
    }
    return gids;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static long number(String s, String spec) {
    try {
      long n = Long.parseLong(s.trim());
      if (n >= 0 && n <= Integer.MAX_VALUE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw WharfException.invalid("invalid user " + spec + ": " + s + " is not a valid id");
  }

  private static List<String[]> split(List<String> lines) {
    List<String[]> out = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line.split(":", -1));
      }
    }
    return out;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw WharfException.internal("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
