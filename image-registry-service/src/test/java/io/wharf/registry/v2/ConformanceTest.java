package io.wharf.registry.v2;

import static io.wharf.registry.v2.TestContent.pushBlob;
import static io.wharf.registry.v2.TestContent.putManifest;
import static io.wharf.registry.v2.TestContent.random;
import static io.wharf.registry.v2.V2Client.errorCode;
import static io.wharf.registry.v2.V2Client.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.wharf.registry.RegistryFixture;
import io.wharf.registry.archive.MediaTypes;
import io.wharf.registry.store.Digests;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The four workflows of the OCI distribution-spec conformance suite (pull, push, content
 * discovery, content management), over real HTTP against the verticle. Bad input: {@link BadInputTest}.
 */
@ExtendWith(VertxExtension.class)
class ConformanceTest {
  private static final String REPO = "conformance/app";
  private RegistryFixture registry;
  private V2Client c;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    registry = RegistryFixture.start(vertx, "conformance", null);
    c = registry.client;
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  // ---- pull ----

  @Test
  void pullWorkflow() throws Exception {
    HttpResponse<byte[]> base = c.get("/v2/");
    assertEquals(200, base.statusCode());
    assertEquals("registry/2.0", header(base, "Docker-Distribution-API-Version"));
    byte[] manifest = TestContent.pushImage(c, REPO, "v1", 3000);
    String digest = Digests.of(manifest);
    for (String ref : List.of("v1", digest)) {
      HttpResponse<byte[]> head = c.head("/v2/" + REPO + "/manifests/" + ref);
      assertEquals(200, head.statusCode());
      assertEquals(digest, header(head, "Docker-Content-Digest"));
      assertEquals(String.valueOf(manifest.length), header(head, "Content-Length"));
      HttpResponse<byte[]> get = c.send("GET", "/v2/" + REPO + "/manifests/" + ref, null,
          Map.of("Accept", MediaTypes.OCI_MANIFEST));
      assertEquals(200, get.statusCode());
      assertArrayEquals(manifest, get.body(), "exact bytes");
      assertEquals(MediaTypes.OCI_MANIFEST, header(get, "Content-Type"));
    }
    String layer = V2Client.json(c.get("/v2/" + REPO + "/manifests/v1")).path("layers").path(0).path("digest").asText();
    HttpResponse<byte[]> blobHead = c.head("/v2/" + REPO + "/blobs/" + layer);
    assertEquals(200, blobHead.statusCode());
    assertEquals("3000", header(blobHead, "Content-Length"));
    HttpResponse<byte[]> blob = c.get("/v2/" + REPO + "/blobs/" + layer);
    assertEquals(layer, Digests.of(blob.body()));
    HttpResponse<byte[]> range = c.send("GET", "/v2/" + REPO + "/blobs/" + layer, null, Map.of("Range", "bytes=10-19"));
    assertEquals(206, range.statusCode());
    assertArrayEquals(Arrays.copyOfRange(blob.body(), 10, 20), range.body());
    assertEquals("bytes 10-19/3000", header(range, "Content-Range"));
    assertEquals(416, c.send("GET", "/v2/" + REPO + "/blobs/" + layer, null, Map.of("Range", "bytes=5000-")).statusCode());
    HttpResponse<byte[]> missing = c.get("/v2/" + REPO + "/manifests/nosuchtag");
    assertEquals(404, missing.statusCode());
    assertEquals("MANIFEST_UNKNOWN", errorCode(missing));
    HttpResponse<byte[]> missingBlob = c.get("/v2/" + REPO + "/blobs/" + Digests.of(random(8)));
    assertEquals(404, missingBlob.statusCode());
    assertEquals("BLOB_UNKNOWN", errorCode(missingBlob));
    assertEquals(404, c.get("/v2/other/blobs/" + layer).statusCode(), "blobs are per repository");
  }

  // ---- push ----

  @Test
  void pushMonolithicAndPostThenPut() throws Exception {
    byte[] a = random(1000);
    pushBlob(c, REPO, a);
    byte[] b = random(2000);
    HttpResponse<byte[]> start = c.send("POST", "/v2/" + REPO + "/blobs/uploads/", null, Map.of());
    assertEquals(202, start.statusCode());
    String location = header(start, "Location");
    assertNotNull(header(start, "Docker-Upload-UUID"));
    HttpResponse<byte[]> put = c.send("PUT", location + "?digest=" + Digests.of(b), b,
        Map.of("Content-Type", "application/octet-stream"));
    assertEquals(201, put.statusCode());
    assertEquals("/v2/" + REPO + "/blobs/" + Digests.of(b), header(put, "Location"));
    assertEquals(Digests.of(b), header(put, "Docker-Content-Digest"));
    assertEquals(200, c.head("/v2/" + REPO + "/blobs/" + Digests.of(b)).statusCode());
  }

  @Test
  void pushChunkedWithOutOfOrderChunkRefused() throws Exception {
    byte[] blob = random(10_000);
    String location = header(c.send("POST", "/v2/" + REPO + "/blobs/uploads/", null, Map.of()), "Location");
    HttpResponse<byte[]> first = patch(location, blob, 0, 4000);
    assertEquals(202, first.statusCode());
    assertEquals("0-3999", header(first, "Range"));
    assertEquals(416, patch(location, blob, 5000, 10_000).statusCode(), "a gap");
    assertEquals(416, patch(location, blob, 2000, 6000).statusCode(), "an overlap");
    location = header(first, "Location");
    assertEquals(202, patch(location, blob, 4000, 8000).statusCode());
    HttpResponse<byte[]> status = c.get(location);
    assertEquals(204, status.statusCode());
    assertEquals("0-7999", header(status, "Range"));
    HttpResponse<byte[]> last = c.send("PUT", location + "?digest=" + Digests.of(blob), Arrays.copyOfRange(blob, 8000, 10_000),
        Map.of("Content-Range", "8000-9999", "Content-Type", "application/octet-stream"));
    assertEquals(201, last.statusCode());
    assertArrayEquals(blob, c.get("/v2/" + REPO + "/blobs/" + Digests.of(blob)).body());
  }

  @Test
  void pushStreamedAndCancel() throws Exception {
    byte[] blob = random(5000);
    String location = header(c.send("POST", "/v2/" + REPO + "/blobs/uploads/", null, Map.of()), "Location");
    HttpResponse<byte[]> streamed = c.send("PATCH", location, blob, Map.of("Content-Type", "application/octet-stream"));
    assertEquals(202, streamed.statusCode());
    assertEquals("0-4999", header(streamed, "Range"));
    assertEquals(201, c.send("PUT", location + "?digest=" + Digests.of(blob), null, Map.of()).statusCode());
    String other = header(c.send("POST", "/v2/" + REPO + "/blobs/uploads/", null, Map.of()), "Location");
    assertEquals(204, c.delete(other).statusCode());
    HttpResponse<byte[]> gone = c.get(other);
    assertEquals(404, gone.statusCode());
    assertEquals("BLOB_UPLOAD_UNKNOWN", errorCode(gone));
  }

  @Test
  void pushCrossMountAndAutomaticMount() throws Exception {
    byte[] blob = random(700);
    String digest = pushBlob(c, "source/repo", blob);
    HttpResponse<byte[]> mounted = c.send("POST", "/v2/" + REPO + "/blobs/uploads/?mount=" + digest + "&from=source/repo",
        null, Map.of());
    assertEquals(201, mounted.statusCode());
    assertEquals("/v2/" + REPO + "/blobs/" + digest, header(mounted, "Location"));
    assertEquals(200, c.head("/v2/" + REPO + "/blobs/" + digest).statusCode());
    HttpResponse<byte[]> notThere = c.send("POST", "/v2/" + REPO + "/blobs/uploads/?mount="
        + Digests.of(random(3)) + "&from=source/repo", null, Map.of());
    assertEquals(202, notThere.statusCode(), "falls back to an upload session");
    assertEquals(201, c.send("POST", "/v2/third/blobs/uploads/?mount=" + digest, null, Map.of()).statusCode());
  }

  @Test
  void pushManifestsOfEveryKind() throws Exception {
    byte[] m1 = TestContent.pushImage(c, REPO, "amd64", 100);
    byte[] m2 = TestContent.pushImage(c, REPO, "arm64", 100);
    byte[] index = TestContent.index(List.of(m1, m2));
    HttpResponse<byte[]> put = putManifest(c, REPO, "multi", index, MediaTypes.OCI_INDEX);
    assertEquals(201, put.statusCode());
    assertEquals(Digests.of(index), header(put, "Docker-Content-Digest"));
    assertEquals(MediaTypes.OCI_INDEX, header(c.get("/v2/" + REPO + "/manifests/multi"), "Content-Type"));
    // Docker schema 2 manifest with a docker config type
    byte[] layer = random(50);
    pushBlob(c, REPO, layer);
    byte[] config = TestContent.config(List.of(Digests.of(layer)));
    pushBlob(c, REPO, config);
    byte[] docker = new String(TestContent.manifest(config, "application/vnd.docker.container.image.v1+json",
        List.of(layer), null, null)).replace(MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST).getBytes();
    assertEquals(201, putManifest(c, REPO, "docker", docker, MediaTypes.DOCKER_MANIFEST).statusCode());
    assertEquals(MediaTypes.DOCKER_MANIFEST, header(c.get("/v2/" + REPO + "/manifests/docker"), "Content-Type"));
    // an index whose child is unknown
    byte[] orphan = TestContent.index(List.of(random(10)));
    HttpResponse<byte[]> bad = putManifest(c, REPO, "orphan", orphan, MediaTypes.OCI_INDEX);
    assertEquals(404, bad.statusCode());
    assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(bad));
  }

  // ---- content discovery ----

  @Test
  void tagsCatalogAndPagination() throws Exception {
    for (String t : List.of("c", "a", "e", "b", "d")) {
      TestContent.pushImage(c, REPO, t, 10);
    }
    TestContent.pushImage(c, "another", "x", 10);
    JsonNode tags = V2Client.json(c.get("/v2/" + REPO + "/tags/list"));
    assertEquals(REPO, tags.path("name").asText());
    assertEquals("[\"a\",\"b\",\"c\",\"d\",\"e\"]", tags.path("tags").toString());
    HttpResponse<byte[]> page1 = c.get("/v2/" + REPO + "/tags/list?n=2");
    assertEquals("[\"a\",\"b\"]", V2Client.json(page1).path("tags").toString());
    assertEquals("</v2/" + REPO + "/tags/list?last=b&n=2>; rel=\"next\"", header(page1, "Link"));
    HttpResponse<byte[]> page3 = c.get("/v2/" + REPO + "/tags/list?n=2&last=d");
    assertEquals("[\"e\"]", V2Client.json(page3).path("tags").toString());
    assertNull(header(page3, "Link"));
    assertEquals("[]", V2Client.json(c.get("/v2/" + REPO + "/tags/list?n=0")).path("tags").toString());
    assertEquals("PAGINATION_NUMBER_INVALID", errorCode(c.get("/v2/" + REPO + "/tags/list?n=-1")));
    assertEquals("NAME_UNKNOWN", errorCode(c.get("/v2/nosuch/tags/list")));
    JsonNode catalog = V2Client.json(c.get("/v2/_catalog"));
    assertEquals("[\"another\",\"" + REPO + "\"]", catalog.path("repositories").toString());
    HttpResponse<byte[]> cat1 = c.get("/v2/_catalog?n=1");
    assertEquals("[\"another\"]", V2Client.json(cat1).path("repositories").toString());
    assertEquals("</v2/_catalog?last=another&n=1>; rel=\"next\"", header(cat1, "Link"));
  }

  @Test
  void referrers() throws Exception {
    byte[] subject = TestContent.pushImage(c, REPO, "signed", 10);
    var subjectDescriptor = TestContent.descriptor(MediaTypes.OCI_MANIFEST, subject);
    byte[] empty = "{}".getBytes();
    pushBlob(c, REPO, empty);
    List<String> referrers = new ArrayList<>();
    for (String type : List.of("application/vnd.example.sbom", "application/vnd.example.signature")) {
      byte[] artifact = TestContent.manifest(empty, "application/vnd.oci.empty.v1+json", List.of(), subjectDescriptor, type);
      HttpResponse<byte[]> put = putManifest(c, REPO, Digests.of(artifact), artifact, MediaTypes.OCI_MANIFEST);
      assertEquals(201, put.statusCode(), () -> new String(put.body()));
      assertEquals(Digests.of(subject), header(put, "OCI-Subject"));
      referrers.add(Digests.of(artifact));
    }
    HttpResponse<byte[]> all = c.get("/v2/" + REPO + "/referrers/" + Digests.of(subject));
    assertEquals(200, all.statusCode());
    assertEquals(MediaTypes.OCI_INDEX, header(all, "Content-Type"));
    assertEquals(2, V2Client.json(all).path("manifests").size());
    HttpResponse<byte[]> filtered = c.get("/v2/" + REPO + "/referrers/" + Digests.of(subject)
        + "?artifactType=application/vnd.example.sbom");
    assertEquals("artifactType", header(filtered, "OCI-Filters-Applied"));
    JsonNode only = V2Client.json(filtered).path("manifests");
    assertEquals(1, only.size());
    assertEquals(referrers.get(0), only.path(0).path("digest").asText());
    assertEquals("application/vnd.example.sbom", only.path(0).path("artifactType").asText());
    assertEquals(0, V2Client.json(c.get("/v2/" + REPO + "/referrers/" + Digests.of(random(4)))).path("manifests").size());
    assertEquals(202, c.delete("/v2/" + REPO + "/manifests/" + referrers.get(1)).statusCode());
    assertEquals(1, V2Client.json(c.get("/v2/" + REPO + "/referrers/" + Digests.of(subject))).path("manifests").size());
  }

  // ---- content management ----

  @Test
  void deletesOfTagsManifestsAndBlobs() throws Exception {
    byte[] manifest = TestContent.pushImage(c, REPO, "gone", 100);
    String digest = Digests.of(manifest);
    assertEquals(201, putManifest(c, REPO, "kept", manifest, MediaTypes.OCI_MANIFEST).statusCode());
    assertEquals(202, c.delete("/v2/" + REPO + "/manifests/gone").statusCode());
    assertEquals(404, c.get("/v2/" + REPO + "/manifests/gone").statusCode());
    assertEquals(200, c.get("/v2/" + REPO + "/manifests/kept").statusCode());
    assertEquals(202, c.delete("/v2/" + REPO + "/manifests/" + digest).statusCode());
    assertEquals("MANIFEST_UNKNOWN", errorCode(c.get("/v2/" + REPO + "/manifests/" + digest)));
    assertEquals(404, c.get("/v2/" + REPO + "/manifests/kept").statusCode(), "tags on a deleted manifest go too");
    assertEquals(404, c.delete("/v2/" + REPO + "/manifests/" + digest).statusCode());
    byte[] blob = random(10);
    String b = pushBlob(c, REPO, blob);
    assertEquals(202, c.delete("/v2/" + REPO + "/blobs/" + b).statusCode());
    assertEquals("BLOB_UNKNOWN", errorCode(c.get("/v2/" + REPO + "/blobs/" + b)));
    assertEquals(404, c.delete("/v2/" + REPO + "/blobs/" + b).statusCode());
  }

  private HttpResponse<byte[]> patch(String location, byte[] blob, int from, int to) throws Exception {
    return c.send("PATCH", location, Arrays.copyOfRange(blob, from, to),
        Map.of("Content-Range", from + "-" + (to - 1), "Content-Type", "application/octet-stream"));
  }
}
