package io.wharf.registry.remote;

import io.vertx.core.json.JsonObject;
import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.registry.proxy.Upstream;
import io.wharf.registry.proxy.UpstreamClient;
import io.wharf.registry.reference.ImageReference;

/**
 * {@code docker login} ({@code POST /auth}): contacts the registry's {@code GET /v2/} and answers
 * the WWW-Authenticate challenge with the given credentials (Basic, or the Bearer token flow),
 * like dockerd. Success is Docker's {@code {"IdentityToken":"","Status":"Login Succeeded"}}; a
 * rejection is INTERNAL (HTTP 500, what dockerd answers) "login attempt to URL/v2/ failed with
 * status: 401 Unauthorized". Blocking.
 */
public final class RegistryLogin {
  private final RemoteRegistries remotes;

  public RegistryLogin(RemoteRegistries remotes) {
    this.remotes = remotes;
  }

  /** @param body Docker's AuthConfig: {username, password, serveraddress} */
  public JsonObject login(JsonObject body) {
    String user = body.getString("username");
    if (user == null || user.isEmpty()) {
      throw WharfException.invalid("username is required to log in");
    }
    String base = baseUrl(body.getString("serveraddress", ""));
    UpstreamClient client = new UpstreamClient(new Upstream(base, "", "", user, body.getString("password", ""), 0));
    int status = client.ping();
    if (status != 200) {
      throw new WharfException(ErrorCategory.INTERNAL,
          "login attempt to " + base + "/v2/ failed with status: " + status + " " + reason(status));
    }
    return new JsonObject().put("IdentityToken", "").put("Status", "Login Succeeded");
  }

  /** The registry's base URL for what the CLI sends: "127.0.0.1:5000", "https://index.docker.io/v1/", "". */
  String baseUrl(String serverAddress) {
    String s = serverAddress.trim();
    if (s.isEmpty() || s.contains("index.docker.io") || s.equals("docker.io")) {
      return remotes.baseUrl(ImageReference.DEFAULT_DOMAIN);
    }
    if (s.startsWith("http://") || s.startsWith("https://")) {
      int slash = s.indexOf('/', s.indexOf("//") + 2);
      return slash < 0 ? s : s.substring(0, slash);
    }
    int slash = s.indexOf('/');
    return remotes.baseUrl(slash < 0 ? s : s.substring(0, slash));
  }

  static String reason(int status) {
    return switch (status) {
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }
}
