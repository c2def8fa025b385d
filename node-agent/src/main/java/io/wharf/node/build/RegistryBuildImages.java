package io.wharf.node.build;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.wharf.api.Addresses;
import io.wharf.api.Bus;
import io.wharf.api.ErrorCategory;
import io.wharf.api.InternalHttp;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests;
import io.wharf.node.BlobSource;
import io.wharf.node.ImageLookup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link BuildImages} over the cluster: image metadata and tags over the event bus, config blobs
 * and new step images over the registry's internal HTTP endpoint ({@code /images/derive}, see
 * {@link InternalHttp}), pulls through its {@code /images/pull} stream. Blocking.
 */
public final class RegistryBuildImages implements BuildImages {
  private static final long BUS_WAIT_SECONDS = 60;
  /** HTTP/1.1: the JDK client otherwise offers h2c, and Vert.x then buffers a whole layer body. */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final EventBus bus;
  private final ImageLookup images;
  private final Supplier<Future<String>> registryUrl;
  private final Supplier<Future<BlobSource>> blobs;
  private final String token;

  public RegistryBuildImages(EventBus bus, ImageLookup images, Supplier<Future<String>> registryUrl,
      Supplier<Future<BlobSource>> blobs, String token) {
    this.bus = bus;
    this.images = images;
    this.registryUrl = registryUrl;
    this.blobs = blobs;
    this.token = token;
  }

  @Override
  public ImageDetails inspect(String ref) {
    return await(images.inspect(ref));
  }

  @Override
  public boolean exists(String imageId) {
    try {
      inspect(imageId);
      return true;
    } catch (WharfException e) {
      if (e.category() == ErrorCategory.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public ImageDoc config(String imageId) {
    try (InputStream in = await(blobs.get()).open(imageId)) {
      return ImageDoc.of(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, "cannot read the config of image " + imageId + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public String derive(String parentId, ImageDoc doc, Path layerTar) {
    byte[] config = Json.bytes(doc.json());
    String url = await(registryUrl.get()) + InternalHttp.PREFIX + "/images/derive?parent="
        + enc(parentId == null ? "" : parentId) + "&configLength=" + config.length + "&layer=" + (layerTar == null ? 0 : 1);
    HttpRequest.BodyPublisher body = layerTar == null ? HttpRequest.BodyPublishers.ofByteArray(config)
        : HttpRequest.BodyPublishers.ofInputStream(() -> concat(config, layerTar));
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header(InternalHttp.TOKEN_HEADER, token)
        .header("Content-Type", "application/octet-stream").POST(body).build();
    HttpResponse<String> resp = send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() / 100 != 2) {
      throw new WharfException(categoryOf(resp.statusCode()), message(resp.body()));
    }
    return new JsonObject(resp.body()).getString("Id");
  }

  @Override
  public void tag(String imageId, String reference) {
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    String repo = colon > slash ? reference.substring(0, colon) : reference;
    String tag = colon > slash ? reference.substring(colon + 1) : "latest";
    await(Bus.request(bus, Addresses.IMAGE_TAG, new ImageRequests.Tag(imageId, repo, tag),
        com.fasterxml.jackson.databind.JsonNode.class));
  }

  @Override
  public void pull(String reference, String registryAuth, BuildMessages messages) {
    String url = await(registryUrl.get()) + InternalHttp.PREFIX + "/images/pull?fromImage=" + enc(reference);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header(InternalHttp.TOKEN_HEADER, token);
    if (registryAuth != null) {
      b.header("X-Registry-Auth", registryAuth);
    }
    HttpRequest req = b.POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<InputStream> resp = send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
      if (resp.statusCode() / 100 != 2) {
        StringBuilder all = new StringBuilder();
        lines.lines().forEach(all::append);
        throw new WharfException(categoryOf(resp.statusCode()), message(all.toString()));
      }
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject m = new JsonObject(line);
        if (m.containsKey("error")) {
          throw new WharfException(ErrorCategory.NOT_FOUND, m.getString("error"));
        }
        messages.status(m);
      }
    } catch (IOException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, "pulling " + reference + " failed: " + e.getMessage(), e);
    }
  }

  private static InputStream concat(byte[] head, Path file) {
    try {
      return new SequenceInputStream(new java.io.ByteArrayInputStream(head), Files.newInputStream(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(req, handler);
    } catch (IOException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, "cannot reach the image registry: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WharfException(ErrorCategory.UNAVAILABLE, "interrupted talking to the image registry", e);
    }
  }

  /** Waits for a future from a worker thread; its failure is rethrown as a WharfException. */
  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(BUS_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw WharfException.of(e.getCause());
    } catch (TimeoutException e) {
      throw new WharfException(ErrorCategory.UNAVAILABLE, "the image registry did not answer in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WharfException(ErrorCategory.UNAVAILABLE, "interrupted", e);
    }
  }

  private static String message(String body) {
    try {
      return new JsonObject(body).getString("message", body);
    } catch (RuntimeException e) {
      return body;
    }
  }

  private static ErrorCategory categoryOf(int status) {
    for (ErrorCategory c : ErrorCategory.values()) {
      if (c.code() == status) {
        return c;
      }
    }
    return ErrorCategory.INTERNAL;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
