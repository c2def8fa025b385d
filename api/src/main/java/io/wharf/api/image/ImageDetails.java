package io.wharf.api.image;

import java.util.List;

/**
 * Everything {@code docker image inspect} shows, plus the layers a node needs to run it.
 *
 * @param created RFC 3339 time from the image config
 * @param layers bottom first; diffIds equal {@code rootfs.diff_ids}
 */
public record ImageDetails(
    ImageSummary summary,
    String created,
    String author,
    String comment,
    String dockerVersion,
    String architecture,
    String os,
    ImageConfig config,
    List<LayerRef> layers,
    List<HistoryEntry> history) {}
