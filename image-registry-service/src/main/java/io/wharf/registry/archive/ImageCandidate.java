package io.wharf.registry.archive;

import java.util.List;

/**
 * One image found in an archive, before it is verified and stored.
 *
 * @param configMember archive member holding the config bytes
 * @param layerMembers archive members of the layers, bottom first (plain or compressed tars)
 * @param repoTags names as the archive gives them ("busybox:latest",
 *     "docker.io/library/busybox:latest"); empty when untagged
 * @param manifestMember archive member of an OCI/Docker manifest for this image, or null
 */
public record ImageCandidate(String configMember, List<String> layerMembers, List<String> repoTags,
    String manifestMember) {}
