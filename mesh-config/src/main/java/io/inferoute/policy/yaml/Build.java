package io.inferoute.policy.yaml;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/** Builds a record, turning its own invariant checks into an error at the node it came from. */
final class Build {
  private Build() {}

  static <T> @Nullable T at(NodeReader r, Node node, String path, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      r.problems().error(node, path, String.valueOf(e.getMessage()));
      return null;
    }
  }
}
