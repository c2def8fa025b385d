package io.wharf.api.image;

import java.util.List;

/**
 * One step of an image's history, newest first in lists.
 *
 * @param id "sha256:..." for the top entry, "&lt;missing&gt;" otherwise (as Docker shows it)
 * @param created Unix seconds
 */
public record HistoryEntry(String id, long created, String createdBy, List<String> tags, long size,
    String comment) {}
