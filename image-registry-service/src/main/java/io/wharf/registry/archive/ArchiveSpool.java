package io.wharf.registry.archive;

import io.wharf.api.WharfException;
import io.wharf.registry.store.BlobStore;
import io.wharf.registry.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The regular files (and links to them) of an image tar (docker-save or OCI layout), each staged
 * to its own temp file with its sha256, in one streaming pass: nothing is held in memory and nothing enters the blob
 * store until the caller commits. Entry names are normalized ("./a/b" -&gt; "a/b"); they are only
 * map keys, never paths on disk. Blocking.
 */
public final class ArchiveSpool {
  /** JSON members (manifests, configs, index) larger than this are refused. */
  public static final int MAX_JSON = 16 * 1024 * 1024;

  private final Map<String, StagedBlob> entries = new LinkedHashMap<>();

  private ArchiveSpool() {}

  /** Reads the whole tar from {@code tar}; INVALID_ARGUMENT when it is not a readable tar. */
  public static ArchiveSpool read(InputStream tar, BlobStore blobs, Path stagingDir) {
    ArchiveSpool spool = new ArchiveSpool();
    Map<String, String> links = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.isSymbolicLink() || e.isLink()) {
          links.put(normalize(e.getName()), linkTarget(e));
        } else if (e.isFile()) {
          spool.entries.put(normalize(e.getName()), blobs.stage(in, stagingDir));
        }
      }
      links.forEach((name, target) -> {
        StagedBlob b = spool.entries.get(target);
        if (b != null) {
          spool.entries.putIfAbsent(name, b);
        }
      });
    } catch (IOException | IllegalArgumentException e) {
      throw WharfException.invalid("invalid tar archive: " + e.getMessage());
    }
    return spool;
  }

  /**
   * The member a link names. Old "docker save" writes a layer shared by two saved images once and
   * links the second "&lt;id&gt;/layer.tar" to it ("../&lt;id&gt;/layer.tar"); hard links name the member directly.
   */
  private static String linkTarget(TarArchiveEntry e) {
    String target = e.getLinkName();
    if (e.isLink()) {
      return normalize(target);
    }
    String name = normalize(e.getName());
    int slash = name.lastIndexOf('/');
    String dir = slash < 0 ? "" : name.substring(0, slash + 1);
    return normalize(Path.of("/" + dir + target).normalize().toString());
  }

  static String normalize(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.startsWith("./") ? n.substring(2) : n.substring(1);
    }
    return n;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public boolean has(String name) {
    return entries.containsKey(normalize(name));
  }

  /** The staged member; INVALID_ARGUMENT naming it when the archive lacks it. */
  public StagedBlob get(String name) {
    StagedBlob b = entries.get(normalize(name));
    if (b == null) {
      throw WharfException.invalid("invalid archive: " + name + " not found in the tar");
    }
    return b;
  }

  /** The member "blobs/sha256/&lt;hex&gt;" of an OCI layout. */
  public StagedBlob blob(String digest) {
    return get("blobs/" + digest.replace(':', '/'));
  }

  /** The bytes of a small (JSON) member. */
  public byte[] bytes(String name) {
    StagedBlob b = get(name);
    if (b.size() > MAX_JSON) {
      throw WharfException.invalid("invalid archive: " + name + " is too large (" + b.size() + " bytes)");
    }
    try {
      return Files.readAllBytes(b.file());
    } catch (IOException e) {
      throw WharfException.internal("cannot read staged " + name, e);
    }
  }
}
