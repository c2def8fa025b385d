package io.wharf.registry.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pull progress lines, the reference Docker's pull parameters name, and registry addresses for login. */
class PullProgressTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0|100|[>                                                 ] 0B/100B",
      "50|100|[=========================>                        ] 50B/100B",
      "1500000|3000000|[=========================>                        ] 1.50MB/3.00MB",
      "100|100|[==================================================] 100B/100B",
      "5|0|[>                                                 ] 5B/0B"})
  void barLooksLikeDockers(long current, long total, String expected) {
    assertEquals(expected, Progress.bar(current, total));
  }

  @Test
  void countingReportsAboutOncePerMegabyte() throws Exception {
    List<Long> reports = new ArrayList<>();
    try (CountingInput in = new CountingInput(new ByteArrayInputStream(new byte[3 * 1024 * 1024 + 10]), reports::add)) {
      byte[] buf = new byte[100_000];
      while (in.read(buf) != -1) {
        // drain
      }
    }
    assertEquals(3, reports.size(), reports.toString());
    assertEquals(List.copyOf(reports).stream().sorted().toList(), reports);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "busybox||busybox:latest",
      "127.0.0.1:5000/app|1|127.0.0.1:5000/app:1",
      "127.0.0.1:5000/app|sha256:0123456789012345678901234567890123456789012345678901234567890123|127.0.0.1:5000/app@sha256:0123456789012345678901234567890123456789012345678901234567890123"})
  void referenceFromDockersParameters(String fromImage, String tag, String expected) {
    assertEquals(expected, ImagePuller.reference(fromImage, tag).familiarString());
  }

  @Test
  void emptyFromImageIsRejected() {
    assertThrows(WharfException.class, () -> ImagePuller.reference(" ", "1"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1:5000|http://127.0.0.1:5000",
      "localhost:5000/|http://localhost:5000",
      "reg.example.com|https://reg.example.com",
      "insecure.lan:5000|http://insecure.lan:5000",
      "https://index.docker.io/v1/|https://registry-1.docker.io",
      "|https://registry-1.docker.io",
      "http://10.1.1.1:5000/v2/|http://10.1.1.1:5000"})
  void loginAddresses(String serverAddress, String expected) {
    RegistryLogin login = new RegistryLogin(new RemoteRegistries(List.of(), List.of("insecure.lan:5000")));
    assertEquals(expected, login.baseUrl(serverAddress == null ? "" : serverAddress));
  }

  @Test
  void mirrorsComeBeforeDockerHubForDockerIoOnly() {
    RemoteRegistries r = new RemoteRegistries(List.of(), List.of(), List.of("http://127.0.0.1:5001", "https://m.lan"));
    assertEquals(List.of("http://127.0.0.1:5001", "https://m.lan", "https://registry-1.docker.io"), r.pullBaseUrls("docker.io"));
    assertEquals(List.of("https://quay.io"), r.pullBaseUrls("quay.io"));
  }
}
