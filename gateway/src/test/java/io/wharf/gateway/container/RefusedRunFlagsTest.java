package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefusedRunFlagsTest {
  /** What the Go CLI sends for these fields when no flag sets them. */
  private static final String DEFAULTS = "{\"Image\":\"busybox\",\"MacAddress\":\"\",\"HostConfig\":{\"Links\":null,"
      + "\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximumIOps\":0,\"IOMaximumBandwidth\":0,\"Annotations\":null},"
      + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"default\":{\"IPAMConfig\":null,\"Links\":null,"
      + "\"MacAddress\":\"\"}}}}";

  @Test
  void cliDefaultsPass() {
    assertDoesNotThrow(() -> RefusedRunFlags.check(new JsonObject(DEFAULTS)));
    assertDoesNotThrow(() -> RefusedRunFlags.check(new JsonObject()));
    assertDoesNotThrow(() -> RefusedRunFlags.check(new JsonObject("{\"HostConfig\":{\"Mounts\":[{\"Type\":\"volume\","
        + "\"VolumeOptions\":{\"NoCopy\":true,\"DriverConfig\":{\"Name\":\"local\"}}},{\"Type\":\"bind\","
        + "\"BindOptions\":{\"Propagation\":\"rslave\",\"NonRecursive\":false}}]}}")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{'HostConfig':{'Links':['db:db']}}                                          | --link",
      "{'HostConfig':{'Annotations':{'a':'b'}}}                                    | --annotation",
      "{'HostConfig':{'CpuCount':2}}                                               | only supported on a Docker daemon running on windows",
      "{'HostConfig':{'CpuPercent':50}}                                            | --cpu-percent",
      "{'HostConfig':{'IOMaximumBandwidth':1000}}                                  | Invalid QoS settings: linux",
      "{'HostConfig':{'IOMaximumIOps':10}}                                         | Maximum IO IOps",
      "{'NetworkingConfig':{'EndpointsConfig':{'n1':{'Links':['db']}}}}           | --network-alias",
      "{'NetworkingConfig':{'EndpointsConfig':{'n1':{'IPAMConfig':{'LinkLocalIPs':['169.254.1.1']}}}}} | --link-local-ip",
      "{'NetworkingConfig':{'EndpointsConfig':{'n1':{'IPAMConfig':{'IPv6Address':'fd00::2'}}}}} | --ip6",
      "{'HostConfig':{'Mounts':[{'Type':'bind','BindOptions':{'NonRecursive':true}}]}} | --mount bind-nonrecursive",
      "{'HostConfig':{'Mounts':[{'Type':'bind','BindOptions':{'ReadOnlyForceRecursive':true}}]}} | readonly=recursive",
      "{'HostConfig':{'Mounts':[{'Type':'volume','VolumeOptions':{'Subpath':'a'}}]}} | volume-subpath",
      "{'HostConfig':{'Mounts':[{'Type':'volume','VolumeOptions':{'Labels':{'a':'b'}}}]}} | volume-label",
      "{'HostConfig':{'Mounts':[{'Type':'volume','VolumeOptions':{'DriverConfig':{'Options':{'type':'tmpfs'}}}}]}} | volume-opt",
      "{'HostConfig':{'Mounts':[{'Type':'volume','VolumeOptions':{'DriverConfig':{'Name':'nfs'}}}]}} | plugin \"nfs\" not found",
  })
  void refusesWhatWharfCannotApply(String body, String expected) {
    WharfException e = assertThrows(WharfException.class,
        () -> RefusedRunFlags.check(new JsonObject(body.replace('\'', '"'))));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void composeRunLinksToTheServicesContainersPass() {
    String body = "{\"Labels\":{\"com.docker.compose.oneoff\":\"True\"},\"HostConfig\":{\"Links\":[\"p-web-1:web\"]},"
        + "\"NetworkingConfig\":{\"EndpointsConfig\":"
        + "{\"p_default\":{\"Links\":[\"p-web-1:web\",\"p-web-1:web-1\",\"p-web-1:p-web-1\"]}}}}";
    assertDoesNotThrow(() -> RefusedRunFlags.check(new JsonObject(body)));
    assertThrows(WharfException.class, () -> RefusedRunFlags.check(new JsonObject(body.replace("True", "False"))));
  }

  @Test
  void linksOnAUserNetworkPassButNotOnTheDefaultBridge() {
    String body = "{\"HostConfig\":{\"NetworkMode\":\"proj_default\",\"Links\":[\"proj_db_1:db\"]}}";
    assertDoesNotThrow(() -> RefusedRunFlags.check(new JsonObject(body)));
    for (String mode : new String[] {"default", "bridge", "host", "container:abc"}) {
      assertThrows(WharfException.class,
          () -> RefusedRunFlags.check(new JsonObject(body.replace("proj_default", mode))), mode);
    }
  }

  @ParameterizedTest
  @CsvSource({"''", "linux", "linux/amd64", "LINUX/x86_64", "linux/amd64/v2"})
  void platformOfThisNodePasses(String platform) {
    assertDoesNotThrow(() -> RefusedRunFlags.checkPlatform(platform, "busybox", "amd64"));
  }

  @ParameterizedTest
  @CsvSource({"linux/arm64, cannot run busybox for platform linux/arm64: this node runs linux/amd64 containers only",
      "windows/amd64, for platform windows/amd64",
      "/amd64, unknown operating system or architecture",
      "linux/amd64/v2/x, unknown operating system or architecture"})
  void otherPlatformsAreRefused(String platform, String expected) {
    WharfException e = assertThrows(WharfException.class,
        () -> RefusedRunFlags.checkPlatform(platform, "busybox", "amd64"));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"compress, true", "labels, app", "labels-regex, ^a", "env, A", "env-regex, ^A"})
  void jsonFileOptionsWharfDoesNotApplyAreRefused(String key, String value) {
    WharfException e = assertThrows(WharfException.class,
        () -> RunOptionsValidator.validateLogOptions(java.util.Map.of(key, value)));
    assertTrue(e.getMessage().startsWith("log opt '" + key + "' is not supported by Wharf"), e.getMessage());
  }

  @Test
  void jsonFileOptionsWithTheirNoOpValuesPass() {
    assertDoesNotThrow(() -> RunOptionsValidator.validateLogOptions(
        java.util.Map.of("compress", "false", "tag", "{{.Name}}", "max-size", "1m", "max-file", "2")));
  }
}
