package io.wharf.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.registry.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** ES256 keys kept in the data root, libtrust key ids, and what the token service refuses. */
class TokenKeysTest {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final AtomicLong now = new AtomicLong(2_000_000);

  @Test
  void keyIsMadeOnceKeptPrivateAndReloaded() throws Exception {
    Path file = TestImages.freshDir("token-key").resolve("registry/token-key.pem");
    EcSigningKey made = EcSigningKey.loadOrCreate(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    EcSigningKey again = EcSigningKey.loadOrCreate(file);
    assertEquals(made.keyId(), again.keyId());
    assertTrue(made.keyId().matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}"), made.keyId());
    String token = tokens(made).issue("alice", List.of(new TokenService.Grant("app", EnumSet.of(Action.PULL))));
    assertEquals("alice", tokens(again).verify(token).subject(), "a token outlives a restart");
    Path other = file.resolveSibling("other.pem");
    assertNull(tokens(EcSigningKey.loadOrCreate(other)).verify(token), "another key");
    Files.writeString(other, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThrows(IllegalStateException.class, () -> EcSigningKey.loadOrCreate(other));
  }

  @Test
  void base32AndLibtrustKeyIdShape() {
    assertEquals("MZXW6YTBOI", EcSigningKey.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("MZXW6", EcSigningKey.base32("foo".getBytes(StandardCharsets.US_ASCII)));
    // python3: base64.b32encode(hashlib.sha256(bytes([1, 2, 3])).digest()[:30]), in groups of four
    assertEquals("AOIF:RRXS:YDFU:SLCT:HMFE:2FHP:O7GA:66FL:ZTHN:KKD5:QSQ2:EAI4", EcSigningKey.libtrustKeyId(new byte[] {1, 2, 3}));
  }

  @Test
  void headerNamesAlgorithmAndKeyId() throws Exception {
    EcSigningKey key = EcSigningKey.loadOrCreate(TestImages.freshDir("token-hdr").resolve("k.pem"));
    String token = tokens(key).issue(null, List.of());
    JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    assertEquals("ES256", header.path("alg").asText());
    assertEquals(key.keyId(), header.path("kid").asText());
    assertEquals(64, Base64.getUrlDecoder().decode(token.split("\\.")[2]).length, "JWS r||s, not DER");
    assertNull(tokens(key).verify(token).subject(), "anonymous token");
  }

  @Test
  void refusesAlgorithmSwapsForgeriesAndOtherAudiences() throws Exception {
    EcSigningKey key = EcSigningKey.loadOrCreate(TestImages.freshDir("token-bad").resolve("k.pem"));
    TokenService t = tokens(key);
    String token = t.issue("alice", List.of(new TokenService.Grant("app", EnumSet.allOf(Action.class))));
    String[] parts = token.split("\\.");
    String none = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    assertNull(t.verify(none + "." + parts[1] + "."), "alg none");
    String hs = B64.encodeToString(("{\"alg\":\"HS256\",\"kid\":\"" + key.keyId() + "\"}").getBytes(StandardCharsets.UTF_8));
    String hsInput = hs + "." + parts[1];
    String hsToken = hsInput + "." + B64.encodeToString(new HmacSigningKey(key.keyId().getBytes()).sign(hsInput.getBytes()));
    assertNull(t.verify(hsToken), "HS256 with a guessable secret");
    String wrongKid = B64.encodeToString("{\"alg\":\"ES256\",\"kid\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8));
    assertNull(t.verify(wrongKid + "." + parts[1] + "." + parts[2]), "another kid");
    assertNull(t.verify(parts[0] + "." + parts[1] + "." + B64.encodeToString(new byte[64])), "zero signature");
    assertNull(t.verify(parts[0] + "." + parts[1] + ".!!"), "bad base64");
    assertNull(new TokenService(key, "iss", "other-svc", 60, now::get).verify(token), "another audience");
    assertNull(new TokenService(key, "other-iss", "svc", 60, now::get).verify(token), "another issuer");
    assertNotNull(t.verify(token));
    now.addAndGet(61);
    assertNull(t.verify(token), "expired (also when remembered)");
  }

  @Test
  void audienceMayBeAList() {
    HmacSigningKey key = new HmacSigningKey("s".getBytes());
    String claims = "{\"iss\":\"iss\",\"aud\":[\"x\",\"svc\"],\"exp\":" + (now.get() + 10)
        + ",\"access\":[{\"type\":\"repository\",\"name\":\"app\",\"actions\":[\"pull\",\"bogus\"]}]}";
    String input = B64.encodeToString("{\"alg\":\"HS256\"}".getBytes()) + "." + B64.encodeToString(claims.getBytes());
    TokenService.Verified v = tokens(key).verify(input + "." + B64.encodeToString(key.sign(input.getBytes())));
    assertTrue(v.allows("app", Action.PULL));
    assertNotEquals(true, v.allows("app", Action.PUSH));
  }

  private TokenService tokens(SigningKey key) {
    return new TokenService(key, "iss", "svc", 60, now::get);
  }
}
