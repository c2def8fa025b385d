package io.wharf.registry.remote;

import io.vertx.core.json.JsonObject;
import io.wharf.registry.proxy.Upstream;
import io.wharf.registry.proxy.UpstreamClient;
import io.wharf.registry.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Where an image reference's registry is and how to talk to it: docker.io is
 * registry-1.docker.io over https; loopback hosts and the configured insecure registries are
 * plain http; everything else https. Credentials come from Docker's {@code X-Registry-Auth}
 * header (base64 JSON with username and password). Also knows this registry's own names.
 */
public final class RemoteRegistries {
  private final List<String> selfNames;
  private final List<String> insecure;
  private final List<String> mirrors;

  /** @param selfNames live list of this registry's host:port names */
  public RemoteRegistries(List<String> selfNames, List<String> insecure) {
    this(selfNames, insecure, List.of());
  }

  /** @param mirrors base URLs serving docker.io's repositories, tried in order before Docker Hub for pulls */
  public RemoteRegistries(List<String> selfNames, List<String> insecure, List<String> mirrors) {
    this.selfNames = selfNames;
    this.insecure = List.copyOf(insecure);
    this.mirrors = List.copyOf(mirrors);
  }

  /** Pull clients for {@code ref}, to try in order: for docker.io the mirrors, then Docker Hub. */
  public List<UpstreamClient> pullClients(ImageReference ref, String registryAuth) {
    String[] creds = credentials(registryAuth);
    return pullBaseUrls(ref.domain()).stream()
        .map(url -> new UpstreamClient(new Upstream(url, "", "", creds[0], creds[1], 0))).toList();
  }

  /** Where {@code domain}'s images are pulled from, in order. */
  List<String> pullBaseUrls(String domain) {
    List<String> urls = new java.util.ArrayList<>();
    if (domain.equals(ImageReference.DEFAULT_DOMAIN)) {
      urls.addAll(mirrors);
    }
    urls.add(baseUrl(domain));
    return urls;
  }

  /** True when {@code ref} names a repository of this registry (no network needed). */
  public boolean isSelf(ImageReference ref) {
    return selfNames.contains(ref.domain());
  }

  public String baseUrl(String domain) {
    if (domain.equals(ImageReference.DEFAULT_DOMAIN)) {
      return "https://registry-1.docker.io";
    }
    String host = domain.startsWith("[") ? domain.substring(0, domain.indexOf(']') + 1) : domain.split(":")[0];
    boolean plain = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || insecure.contains(domain);
    return (plain ? "http://" : "https://") + domain;
  }

  /** A client for {@code ref}'s registry with the credentials of {@code registryAuth} (may be null). */
  public UpstreamClient client(ImageReference ref, String registryAuth) {
    String[] creds = credentials(registryAuth);
    return new UpstreamClient(new Upstream(baseUrl(ref.domain()), "", "", creds[0], creds[1], 0));
  }

  /** {username, password} of an X-Registry-Auth value; nulls when absent or unreadable. */
  static String[] credentials(String registryAuth) {
    if (registryAuth == null || registryAuth.isBlank()) {
      return new String[2];
    }
    try {
      String padded = registryAuth.trim();
      byte[] json = padded.contains("-") || padded.contains("_") ? Base64.getUrlDecoder().decode(padded)
          : Base64.getMimeDecoder().decode(padded);
      JsonObject o = new JsonObject(new String(json, StandardCharsets.UTF_8));
      return new String[] {o.getString("username"), o.getString("password")};
    } catch (RuntimeException e) {
      return new String[2];
    }
  }
}
