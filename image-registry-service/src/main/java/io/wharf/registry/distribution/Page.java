package io.wharf.registry.distribution;

import java.util.List;

/**
 * One page of a lexically sorted list ({@code tags/list}, {@code _catalog}): the entries after
 * {@code last}, at most {@code n} of them. {@code more} = a next page exists (the HTTP edge then
 * sends a Link header with {@code last} = the page's final entry).
 */
public record Page(List<String> entries, boolean more) {

  /**
   * @param n null = everything; 0 = an empty page (negative values are rejected by the caller)
   * @param last null = from the start
   */
  public static Page of(List<String> sorted, Integer n, String last) {
    int from = 0;
    if (last != null && !last.isEmpty()) {
      while (from < sorted.size() && sorted.get(from).compareTo(last) <= 0) {
        from++;
      }
    }
    int to = n == null ? sorted.size() : (int) Math.min(sorted.size(), (long) from + n);
    return new Page(List.copyOf(sorted.subList(from, Math.max(from, to))), to < sorted.size() && n != null);
  }

  public String lastEntry() {
    return entries.isEmpty() ? null : entries.get(entries.size() - 1);
  }
}
