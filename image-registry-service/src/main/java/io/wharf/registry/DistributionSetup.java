package io.wharf.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wharf.registry.auth.AccessRules;
import io.wharf.registry.auth.EcSigningKey;
import io.wharf.registry.auth.HmacSigningKey;
import io.wharf.registry.auth.Htpasswd;
import io.wharf.registry.auth.RegistryAuth;
import io.wharf.registry.auth.SigningKey;
import io.wharf.registry.auth.TokenService;
import io.wharf.registry.distribution.BlobGuard;
import io.wharf.registry.distribution.BlobService;
import io.wharf.registry.distribution.DockerFace;
import io.wharf.registry.distribution.GarbageCollector;
import io.wharf.registry.distribution.ImageFace;
import io.wharf.registry.distribution.Listings;
import io.wharf.registry.distribution.ManifestReferences;
import io.wharf.registry.distribution.ManifestService;
import io.wharf.registry.distribution.Repositories;
import io.wharf.registry.distribution.UploadSessions;
import io.wharf.registry.ops.ImageEvents;
import io.wharf.registry.ops.TagWriter;
import io.wharf.registry.proxy.PullThrough;
import io.wharf.registry.remote.ImagePuller;
import io.wharf.registry.remote.ImagePusher;
import io.wharf.registry.remote.RegistryLogin;
import io.wharf.registry.remote.RemoteRegistries;
import io.wharf.registry.proxy.Upstream;
import io.wharf.registry.storage.CachingDriver;
import io.wharf.registry.storage.FileSystemDriver;
import io.wharf.registry.storage.InMemoryDriver;
import io.wharf.registry.storage.StorageDriver;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.RegistryPaths;
import io.wharf.registry.v2.V2Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the /v2 registry from the verticle config (keys documented in the module README):
 * metadata driver, upload sessions, blob and manifest services, both faces, garbage collector,
 * pull-through cache, auth, and pull/push from/to other registries. Plain: no Vert.x types beyond the config JSON. Blocking (reads the
 * htpasswd file, walks tags once).
 */
final class DistributionSetup {
  final Repositories repos;
  final BlobGuard guard = new BlobGuard();
  final UploadSessions uploads;
  final BlobService blobs;
  final ManifestService manifests;
  final GarbageCollector collector;
  final V2Services services;
  final DockerFace dockerFace;
  final ImagePuller puller;
  final ImagePusher pusher;
  final RegistryLogin login;
  final long gcIntervalMillis;
  final long uploadMaxAgeMillis;
  /** host:port names of this registry; filled once the server listens. */
  final List<String> selfNames = new CopyOnWriteArrayList<>();
  final AtomicReference<String> tokenRealm = new AtomicReference<>("");

  DistributionSetup(JsonObject cfg, ImageStore store, TagWriter tags, ImageEvents events) {
    StorageDriver driver = "inmemory".equals(cfg.getString("storage", "filesystem"))
        ? new InMemoryDriver() : new CachingDriver(new FileSystemDriver(store.paths().root()));
    repos = new Repositories(driver);
    boolean deleteEnabled = cfg.getBoolean("deleteEnabled", true);
    uploads = new UploadSessions(store.paths(), System::currentTimeMillis, cfg.getLong("maxBlobBytes", 0L));
    blobs = new BlobService(store.blobs(), repos, guard, uploads, deleteEnabled);
    ManifestReferences references = new ManifestReferences(store.blobs(), repos);
    ImageFace imageFace = new ImageFace(store, tags, events, repos);
    manifests = new ManifestService(store, repos, guard, references, imageFace, deleteEnabled);
    dockerFace = new DockerFace(repos, references, selfNames);
    List<String> insecure = cfg.getJsonArray("insecureRegistries", new JsonArray()).stream().map(String::valueOf).toList();
    List<String> mirrors = cfg.getJsonArray("registryMirrors", new JsonArray()).stream().map(String::valueOf).toList();
    RemoteRegistries remotes = new RemoteRegistries(selfNames, insecure, mirrors);
    puller = new ImagePuller(store, tags, imageFace, manifests, remotes, events);
    pusher = new ImagePusher(store, remotes, dockerFace);
    login = new RegistryLogin(remotes);
    JsonObject gc = cfg.getJsonObject("gc", new JsonObject());
    gcIntervalMillis = gc.getLong("intervalSeconds", 0L) * 1000;
    uploadMaxAgeMillis = cfg.getLong("uploadMaxAgeSeconds", 86_400L) * 1000;
    collector = new GarbageCollector(store, references, guard, uploads, System::currentTimeMillis,
        gc.getLong("graceSeconds", 3600L) * 1000, uploadMaxAgeMillis);
    List<Upstream> upstreams = Upstream.fromConfig(cfg.getJsonArray("proxies"));
    PullThrough proxy = upstreams.isEmpty() ? null
        : new PullThrough(upstreams, manifests, blobs, repos, System::currentTimeMillis);
    services = new V2Services(blobs, manifests, new Listings(repos), proxy, auth(cfg.getJsonObject("auth"), store.paths()),
        cfg.getInteger("maxConcurrentUploads", 0), cfg.getBoolean("autoMount", true));
  }

  /** Called once the server listens: this registry's own names and the default token realm. */
  void listening(String host, int port, JsonObject cfg) {
    JsonArray names = cfg.getJsonArray("selfNames");
    if (names != null) {
      names.forEach(n -> selfNames.add(String.valueOf(n)));
    } else {
      selfNames.addAll(List.of("localhost:" + port, "127.0.0.1:" + port, host + ":" + port));
    }
    JsonObject token = tokenConfig(cfg.getJsonObject("auth", new JsonObject()).getValue("token"));
    String realm = token == null ? null : token.getString("realm");
    // a wildcard address is no place to send clients: the default realm then names loopback
    String realmHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    tokenRealm.set(realm != null ? realm : "http://" + realmHost + ":" + port + "/token");
  }

  /** {@code auth.token}: true, false, or an object of settings (absent = off). */
  private static JsonObject tokenConfig(Object token) {
    if (token instanceof Boolean on) {
      return on ? new JsonObject() : null;
    }
    return (JsonObject) token;
  }

  private RegistryAuth auth(JsonObject a, RegistryPaths paths) {
    if (a == null) {
      return new RegistryAuth(null, null, tokenRealm::get, AccessRules.allowAll(), RegistryAuth.Anonymous.LOOPBACK);
    }
    String file = a.getString("htpasswd");
    Htpasswd htpasswd = file == null ? null : Htpasswd.load(Path.of(file));
    JsonObject t = tokenConfig(a.getValue("token"));
    TokenService tokens = null;
    if (t != null && t.getBoolean("enabled", true)) {
      String secret = t.getString("secret");
      SigningKey key = secret != null ? new HmacSigningKey(secret.getBytes(StandardCharsets.UTF_8))
          : EcSigningKey.loadOrCreate(paths.tokenKey());
      tokens = new TokenService(key, t.getString("issuer", "wharf-registry"), t.getString("service", "wharf-registry"),
          t.getLong("ttlSeconds", 300L), () -> System.currentTimeMillis() / 1000);
    }
    boolean credentials = htpasswd != null || tokens != null;
    String anonymous = a.getString("anonymous", credentials ? "all" : "loopback");
    JsonArray access = a.getJsonArray("access");
    AccessRules rules = access != null && !access.isEmpty() ? AccessRules.fromConfig(access)
        : credentials ? AccessRules.authenticatedOnly() : AccessRules.allowAll();
    return new RegistryAuth(htpasswd, tokens, tokenRealm::get, rules, RegistryAuth.Anonymous.valueOf(anonymous.toUpperCase()));
  }
}
