package io.wharf.registry.archive;

import io.wharf.api.WharfException;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.ImageLookup;
import io.wharf.registry.store.ImageStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code docker save NAME...} writes, resolved before the first byte goes out (so an unknown
 * name is a plain 404): image id -&gt; the tags saved with it. Like Docker, a name with a tag saves that
 * tag, a bare repository name saves every tag of the repository, and an id saves the image untagged.
 */
public record SavePlan(Map<String, List<ImageReference>> images) {

  public static SavePlan resolve(ImageStore store, List<String> names) {
    if (names == null || names.isEmpty()) {
      throw WharfException.invalid("no image names given to save");
    }
    ImageLookup lookup = new ImageLookup(store);
    Map<String, List<ImageReference>> images = new LinkedHashMap<>();
    for (String name : names) {
      List<ImageReference> repoTags = bareRepositoryTags(store, name);
      if (!repoTags.isEmpty()) {
        for (ImageReference ref : repoTags) {
          addTag(images, store.tagTarget(ref.familiarString()), ref);
        }
        continue;
      }
      ImageLookup.Resolved r = lookup.resolve(name);
      addTag(images, r.id(), r.reference());
    }
    return new SavePlan(images);
  }

  private static void addTag(Map<String, List<ImageReference>> images, String id, ImageReference ref) {
    List<ImageReference> tags = images.computeIfAbsent(id, k -> new ArrayList<>());
    if (ref != null && !tags.contains(ref)) {
      tags.add(ref);
    }
  }

  /** Every tag of {@code name} when it is a bare repository name ("busybox"), else empty. */
  private static List<ImageReference> bareRepositoryTags(ImageStore store, String name) {
    if (ImageReference.looksLikeId(name) || name.contains("@")) {
      return List.of();
    }
    ImageReference ref;
    try {
      ref = ImageReference.parse(name);
    } catch (WharfException e) {
      return List.of();
    }
    if (ref.tag() != null) {
      return List.of();
    }
    String prefix = ref.familiarName() + ":";
    List<ImageReference> out = new ArrayList<>();
    for (var image : store.images()) {
      for (String t : store.tagsOf(image.id())) {
        if (t.startsWith(prefix) && t.indexOf(':', prefix.length()) < 0) {
          out.add(ImageReference.parse(t));
        }
      }
    }
    return out;
  }
}
