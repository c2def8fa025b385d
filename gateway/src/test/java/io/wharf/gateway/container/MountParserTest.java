package io.wharf.gateway.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.MountSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MountParserTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vv1:/data            | volume | vv1      | /data | false | ",
      "vv1:/data:ro         | volume | vv1      | /data | true  | ",
      "/host:/ctr           | bind   | /host    | /ctr  | false | ",
      "/host:/ctr:ro        | bind   | /host    | /ctr  | true  | ",
      "/host:/ctr:rw,rshared| bind   | /host    | /ctr  | false | rshared",
      "/host:/ctr:ro,z      | bind   | /host    | /ctr  | true  | ",
  })
  void binds(String spec, String type, String source, String target, boolean ro, String propagation) {
    MountSpec m = MountParser.bind(spec.trim());
    assertEquals(type, m.type());
    assertEquals(source, m.source());
    assertEquals(target, m.target());
    assertEquals(ro, m.readOnly());
    assertEquals(propagation, m.propagation());
    assertEquals(type.equals("bind") ? MountSpec.CREATE_SOURCE : null, m.options());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vv1                  | invalid volume specification",
      "vv1:data             | mount path must be absolute",
      "vv1:/data:xx         | invalid mode: xx",
      "a:/data              | includes invalid characters",
      "bad$name:/data       | includes invalid characters",
      "/h:/c:ro:extra       | invalid volume specification",
      "/h:/                 | destination can't be '/'",
      "vv1:/d:rshared       | invalid volume specification",
  })
  void badBinds(String spec, String message) {
    WharfException e = assertThrows(WharfException.class, () -> MountParser.bind(spec.trim()));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void mounts() {
    JsonArray mounts = new JsonArray()
        .add(new JsonObject().put("Type", "volume").put("Source", "v1").put("Target", "/v").put("ReadOnly", true))
        .add(new JsonObject().put("Type", "volume").put("Target", "/anon"))
        .add(new JsonObject().put("Type", "bind").put("Source", "/h").put("Target", "/b")
            .put("BindOptions", new JsonObject().put("Propagation", "rslave")))
        .add(new JsonObject().put("Type", "tmpfs").put("Target", "/t")
            .put("TmpfsOptions", new JsonObject().put("SizeBytes", 1048576).put("Mode", 01777)));
    List<MountSpec> out = MountParser.parse(null, mounts);
    assertEquals(new MountSpec("volume", "v1", "/v", true, null, null, null), out.get(0));
    assertEquals(new MountSpec("volume", null, "/anon", false, null, null, null), out.get(1));
    assertEquals(new MountSpec("bind", "/h", "/b", false, "rslave", null, null), out.get(2));
    assertEquals(new MountSpec("tmpfs", null, "/t", false, null, "size=1048576,mode=1777", null), out.get(3));
  }

  @Test
  void nocopyIsKept() {
    assertEquals(MountSpec.NO_COPY, MountParser.bind("v1:/d:nocopy").options());
    assertEquals(MountSpec.NO_COPY, MountParser.mount(new JsonObject().put("Type", "volume").put("Source", "v1")
        .put("Target", "/d").put("VolumeOptions", new JsonObject().put("NoCopy", true))).options());
  }

  @Test
  void wrongShapesAre400() {
    for (Object[] bad : new Object[][] {{"vv1:/d", null}, {null, new JsonObject()}, {new JsonArray().add(5), null},
        {null, new JsonArray().add("x")}}) {
      WharfException e = assertThrows(WharfException.class, () -> MountParser.parse(bad[0], bad[1]));
      assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    }
    assertEquals(List.of(), MountParser.parse(null, null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"Type\":\"nfs\",\"Target\":\"/x\"}                       | mount type unknown",
      "{\"Type\":\"volume\"}                                      | field Target must not be empty",
      "{\"Type\":\"volume\",\"Target\":\"x\"}                     | mount path must be absolute",
      "{\"Type\":\"bind\",\"Target\":\"/x\"}                      | field Source must not be empty",
      "{\"Type\":\"bind\",\"Source\":\"rel\",\"Target\":\"/x\"}   | mount path must be absolute",
      "{\"Type\":\"tmpfs\",\"Source\":\"/s\",\"Target\":\"/x\"}   | field Source must not be specified",
      "{\"Type\":\"volume\",\"Source\":\"-x\",\"Target\":\"/x\"}  | includes invalid characters",
      "{\"Type\":\"bind\",\"Source\":\"/s\",\"Target\":\"/x\",\"BindOptions\":{\"Propagation\":\"odd\"}} | invalid propagation",
  })
  void badMounts(String json, String message) {
    WharfException e = assertThrows(WharfException.class, () -> MountParser.mount(new JsonObject(json.trim())));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
