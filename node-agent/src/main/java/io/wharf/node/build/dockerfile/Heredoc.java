package io.wharf.node.build.dockerfile;

/**
 * A here-document of an instruction ({@code RUN <<EOF ... EOF}).
 *
 * @param name the delimiter word without quotes ({@code EOF})
 * @param body the lines between the instruction and the delimiter, each ending in a newline
 * @param expand false when the delimiter was quoted ({@code <<'EOF'}): then variables are not expanded
 */
public record Heredoc(String name, String body, boolean expand) {}
