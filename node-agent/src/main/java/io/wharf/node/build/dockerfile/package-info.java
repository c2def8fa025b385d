/**
 * The Dockerfile front end of the classic builder: parsing ({@link io.wharf.node.build.dockerfile.DockerfileParser}
 * into {@link io.wharf.node.build.dockerfile.Dockerfile} / {@link io.wharf.node.build.dockerfile.Stage} /
 * {@link io.wharf.node.build.dockerfile.Instruction}), Docker's word expansion
 * ({@link io.wharf.node.build.dockerfile.WordExpander}, {@link io.wharf.node.build.dockerfile.KeyValues}), the
 * build context ({@link io.wharf.node.build.dockerfile.BuildContext}, {@link io.wharf.node.build.dockerfile.DockerIgnore})
 * and COPY/ADD sources ({@link io.wharf.node.build.dockerfile.CopySources}).
 *
 * <p>Plain Java without Vert.x: everything here is a pure function of its input or blocking file work on a
 * directory the caller owns. Errors the user caused are the checked
 * {@link io.wharf.node.build.dockerfile.DockerfileException}, worded like Docker's.
 */
package io.wharf.node.build.dockerfile;
