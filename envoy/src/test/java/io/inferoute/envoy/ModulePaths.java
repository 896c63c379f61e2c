package io.inferoute.envoy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates this module's files and the shared schema folder beside the repository. */
final class ModulePaths {

  private ModulePaths() {}

  /** The envoy module directory (Maven runs tests with it as the working directory). */
  static Path moduleDir() {
    Path cwd = Path.of("").toAbsolutePath();
    // Also works when a test runs from the repository root (e.g. an IDE).
    if (Files.isDirectory(cwd.resolve("config")) && Files.isDirectory(cwd.resolve("istio"))) {
      return cwd;
    }
    return repoRoot().resolve("envoy");
  }

  /** A file under the module directory, e.g. {@code config/envoy-bootstrap.yaml}. */
  static Path moduleFile(String relative) {
    return moduleDir().resolve(relative);
  }

  /** The repository root: the topmost directory, walking up from the working directory, with a pom.xml. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    Path root = null;
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml"))) {
        root = d;
      } else if (root != null) {
        break;
      }
    }
    if (root == null) {
      throw new IllegalStateException("repository root: no pom.xml above " + dir
          + " (expected: tests run inside the Maven reactor)");
    }
    return root;
  }

  /** {@code <root>/../shared/schemas/istio}; it may be absent on machines without shared/. */
  static Path istioSchemaDir() {
    return repoRoot().resolve("../shared/schemas/istio").normalize();
  }
}
