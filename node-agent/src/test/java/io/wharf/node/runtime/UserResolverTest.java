package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserResolverTest {
  static final UserResolver BUSYBOX = new UserResolver(
      List.of("root:x:0:0:root:/root:/bin/sh", "daemon:x:1:1:daemon:/usr/sbin:/bin/false",
          "# comment", "nobody:x:65534:65534:nobody:/home:/bin/false", "app:x:1000:1000::/app:/bin/sh"),
      List.of("root:x:0:", "wheel:x:10:root,app", "daemon:x:1:", "nogroup:x:65534:", "app:x:1000:",
          "staff:x:50:app"));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("", new ResolvedUser(0, 0, List.of(10L))),
        Arguments.of(null, new ResolvedUser(0, 0, List.of(10L))),
        Arguments.of("root", new ResolvedUser(0, 0, List.of(10L))),
        Arguments.of("0", new ResolvedUser(0, 0, List.of(10L))),
        Arguments.of("nobody", new ResolvedUser(65534, 65534, List.of())),
        Arguments.of("app", new ResolvedUser(1000, 1000, List.of(10L, 50L))),
        Arguments.of("1000", new ResolvedUser(1000, 1000, List.of(10L, 50L))),
        Arguments.of("4242", new ResolvedUser(4242, 0, List.of())),
        Arguments.of("4242:77", new ResolvedUser(4242, 77, List.of())),
        Arguments.of("app:staff", new ResolvedUser(1000, 50, List.of())),
        Arguments.of("daemon:0", new ResolvedUser(1, 0, List.of())),
        Arguments.of("1:nogroup", new ResolvedUser(1, 65534, List.of())),
        Arguments.of("app:", new ResolvedUser(1000, 1000, List.of(10L, 50L))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void resolves(String user, ResolvedUser expected) {
    assertEquals(expected, BUSYBOX.resolve(user));
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("ghost", "unable to find user ghost: no matching entries in passwd file"),
        Arguments.of("ghost:0", "unable to find user ghost: no matching entries in passwd file"),
        Arguments.of("app:ghosts", "unable to find group ghosts: no matching entries in group file"),
        Arguments.of("99999999999", "invalid user 99999999999: 99999999999 is not a valid id"));
  }

  @ParameterizedTest
  @MethodSource("bad")
  void rejectsUnknownNamesWithDockersWording(String user, String message) {
    WharfException e = assertThrows(WharfException.class, () -> BUSYBOX.resolve(user));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void emptyRootfsAcceptsNumbersOnly() {
    UserResolver none = new UserResolver(List.of(), List.of());
    assertEquals(new ResolvedUser(0, 0, List.of()), none.resolve(""));
    assertEquals(new ResolvedUser(5, 6, List.of()), none.resolve("5:6"));
    assertThrows(WharfException.class, () -> none.resolve("root"));
  }

  @org.junit.jupiter.api.Test
  void readsTheRootfsFilesButNeverFollowsLinksOutOfIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path etc = java.nio.file.Files.createDirectories(dir.resolve("rootfs/etc"));
    java.nio.file.Files.writeString(etc.resolve("passwd"), "app:x:1000:1001::/app:/bin/sh\n");
    java.nio.file.Files.writeString(dir.resolve("outside"), "root:x:0:\nhost:x:77:app\n");
    java.nio.file.Files.createSymbolicLink(etc.resolve("group"), dir.resolve("outside"));
    UserResolver r = UserResolver.forRootfs(dir.resolve("rootfs"));
    assertEquals(new ResolvedUser(1000, 1001, List.of()), r.resolve("app"));
    assertThrows(WharfException.class, () -> r.resolve("app:host"));
    assertEquals(new ResolvedUser(0, 0, List.of()), UserResolver.forRootfs(dir.resolve("none")).resolve(""));
  }
}
