package io.wharf.registry.auth;

/**
 * The key that signs and verifies the token service's JWTs: {@code ES256} with a key pair kept in
 * the data root ({@link EcSigningKey}), or {@code HS256} with a configured shared secret
 * ({@link HmacSigningKey}). The registry is its own verifier, so one key does both.
 */
public interface SigningKey {
  /** The JWS {@code alg} header value. */
  String algorithm();

  /** The JWS {@code kid} header value, or null when the key has none. */
  String keyId();

  /** The JWS signature of the ASCII signing input ({@code header.payload}). */
  byte[] sign(byte[] signingInput);

  /** True when {@code signature} is this key's signature of {@code signingInput}. */
  boolean verify(byte[] signingInput, byte[] signature);
}
