package io.wharf.registry.v2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a /v2 request path names. The repository name is everything between "/v2/" and the
 * rightmost route marker, so names may contain "/" (and even a marker word); it is validated
 * separately (NAME_INVALID). Pure.
 *
 * @param name the repository, null for BASE and CATALOG
 * @param reference tag or digest (MANIFEST), digest (BLOB, REFERRERS), upload id (UPLOAD), else null
 */
public record V2Path(Kind kind, String name, String reference) {
  public enum Kind { BASE, CATALOG, TAGS, MANIFEST, UPLOADS, UPLOAD, BLOB, REFERRERS }

  private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/?");
  private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
  private static final Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/([^/]+)");

  /** The route of {@code path}, or null when it is no /v2 route. */
  public static V2Path parse(String path) {
    if (path.equals("/v2/") || path.equals("/v2")) {
      return new V2Path(Kind.BASE, null, null);
    }
    if (path.equals("/v2/_catalog")) {
      return new V2Path(Kind.CATALOG, null, null);
    }
    Matcher m;
    if ((m = TAGS.matcher(path)).matches()) {
      return new V2Path(Kind.TAGS, m.group(1), null);
    }
    if ((m = MANIFEST.matcher(path)).matches()) {
      return new V2Path(Kind.MANIFEST, m.group(1), m.group(2));
    }
    if ((m = UPLOADS.matcher(path)).matches()) {
      return new V2Path(Kind.UPLOADS, m.group(1), null);
    }
    if ((m = UPLOAD.matcher(path)).matches()) {
      return new V2Path(Kind.UPLOAD, m.group(1), m.group(2));
    }
    if ((m = REFERRERS.matcher(path)).matches()) {
      return new V2Path(Kind.REFERRERS, m.group(1), m.group(2));
    }
    if ((m = BLOB.matcher(path)).matches()) {
      return new V2Path(Kind.BLOB, m.group(1), m.group(2));
    }
    return null;
  }
}
