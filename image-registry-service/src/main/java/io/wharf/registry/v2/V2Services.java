package io.wharf.registry.v2;

import io.wharf.registry.auth.RegistryAuth;
import io.wharf.registry.distribution.BlobService;
import io.wharf.registry.distribution.Listings;
import io.wharf.registry.distribution.ManifestService;
import io.wharf.registry.proxy.PullThrough;

/**
 * What the /v2 HTTP edge calls; {@code proxy} may be null (no pull-through upstreams).
 * {@code maxConcurrentUploads}: upload requests (POST with a body, PATCH, PUT) in progress at
 * once, beyond which TOOMANYREQUESTS; 0 = no limit. {@code autoMount}: a POST with {@code mount}
 * and no {@code from} links any stored blob of that digest (turn off when access rules keep
 * repositories apart: it reveals whether a digest is stored).
 */
public record V2Services(BlobService blobs, ManifestService manifests, Listings listings, PullThrough proxy,
    RegistryAuth auth, int maxConcurrentUploads, boolean autoMount) {}
