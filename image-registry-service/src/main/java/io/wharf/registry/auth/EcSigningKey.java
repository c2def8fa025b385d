package io.wharf.registry.auth;

import io.wharf.registry.store.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ES256 (ECDSA P-256, SHA-256, JWS's 64-byte r||s signature) with a key pair generated at the
 * first start and kept in one PEM file (PKCS#8 PRIVATE KEY, then X.509 PUBLIC KEY; written
 * atomically, mode 0600). The {@code kid} is Distribution's (libtrust) key id: SHA-256 of the
 * DER public key, first 240 bits, base32, in groups of four joined by ":".
 */
public final class EcSigningKey implements SigningKey {
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
  private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  EcSigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = libtrustKeyId(publicKey.getEncoded());
  }

  /** The key pair in {@code file}, made and stored there first when the file does not exist. Blocking. */
  public static EcSigningKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return parse(Files.readString(file, StandardCharsets.US_ASCII), file);
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = g.generateKeyPair();
      DurableFiles.write(file, (pem("PRIVATE KEY", pair.getPrivate().getEncoded())
          + pem("PUBLIC KEY", pair.getPublic().getEncoded())).getBytes(StandardCharsets.US_ASCII));
      return new EcSigningKey(pair.getPrivate(), pair.getPublic());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token key " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make an EC P-256 key", e);
    }
  }

  static EcSigningKey parse(String pem, Path file) throws GeneralSecurityException {
    byte[] priv = null;
    byte[] pub = null;
    Matcher m = PEM.matcher(pem);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("PRIVATE KEY")) {
        priv = der;
      } else if (m.group(1).equals("PUBLIC KEY")) {
        pub = der;
      }
    }
    if (priv == null || pub == null) {
      throw new IllegalStateException("token key " + file
          + " lacks a PRIVATE KEY or PUBLIC KEY block; delete it to make a new one");
    }
    KeyFactory f = KeyFactory.getInstance("EC");
    return new EcSigningKey(f.generatePrivate(new PKCS8EncodedKeySpec(priv)),
        f.generatePublic(new X509EncodedKeySpec(pub)));
  }

  @Override
  public String algorithm() {
    return "ES256";
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] signingInput) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(signingInput);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with ES256", e);
    }
  }

  @Override
  public boolean verify(byte[] signingInput, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(publicKey);
      s.update(signingInput);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** libtrust's key id of a DER (SubjectPublicKeyInfo) public key. */
  static String libtrustKeyId(byte[] der) {
    try {
      String b32 = base32(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(der), 30));
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < b32.length(); i += 4) {
        out.append(i == 0 ? "" : ":").append(b32, i, Math.min(i + 4, b32.length()));
      }
      return out.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** RFC 4648 base32 without padding (the input here is always a multiple of 5 bytes). */
  static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
