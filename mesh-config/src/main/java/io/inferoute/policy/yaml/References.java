package io.inferoute.policy.yaml;

import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/** Checks that names used in one place are declared in another (tiers, models). */
final class References {
  private References() {}

  /** A tier name at {@code key} that must be one of {@code tiers} (unchecked when tiers is null). */
  static @Nullable String tier(NodeReader r, Fields f, String key, @Nullable Collection<String> tiers) {
    String tier = r.name(f, key, NameKind.NAME);
    Node node = f.get(key);
    return tier == null || node == null ? tier : check(r, node, f.path(key), tier, tiers, "a tier");
  }

  /**
   * {@code value} if it is one of {@code declared}; otherwise reports it and returns null. A null
   * {@code declared} means the declarations themselves had errors, so nothing is checked.
   */
  static @Nullable String check(NodeReader r, Node node, String path, String value,
      @Nullable Collection<String> declared, String what) {
    if (declared == null || declared.contains(value)) {
      return value;
    }
    r.problems().error(node, path, NodeReader.quote(value) + " is not " + what + " "
        + Suggestions.hint(value, declared));
    return null;
  }
}
