package io.wharf.registry.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 with a shared secret (config {@code auth.token.secret}): tokens survive restarts and hosts. */
public final class HmacSigningKey implements SigningKey {
  private final SecretKeySpec key;

  public HmacSigningKey(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("auth.token.secret must not be empty");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  @Override
  public String algorithm() {
    return "HS256";
  }

  @Override
  public String keyId() {
    return null;
  }

  @Override
  public byte[] sign(byte[] signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(signingInput);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public boolean verify(byte[] signingInput, byte[] signature) {
    return MessageDigest.isEqual(sign(signingInput), signature);
  }
}
