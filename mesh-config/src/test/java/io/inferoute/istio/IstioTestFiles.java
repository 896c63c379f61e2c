package io.inferoute.istio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inferoute.testing.TestFiles;
import java.nio.file.Path;
import java.util.Optional;

/** The shared Istio CRD schemas for tests (here and in the envoy module), loaded once; tests skip when absent. */
public final class IstioTestFiles {

  private static final Path DIR = istioSchemaDir();
  private static final Optional<IstioSchemas> SCHEMAS = IstioSchemas.load(DIR);

  private IstioTestFiles() {}

  /** The schemas, or a skipped test (JUnit assumption) saying where they were looked for. */
  public static IstioSchemas schemas() {
    assumeTrue(SCHEMAS.isPresent(), () -> "skipped: no Istio CRD schemas at " + DIR
        + " (shared/schemas/istio beside the repository); Istio resources not validated");
    return SCHEMAS.orElseThrow();
  }

  /** The schemas when present; property tests use this to check the schema only where it exists. */
  public static Optional<IstioSchemas> schemasIfPresent() {
    return SCHEMAS;
  }

  /** {@code <repository root>/../shared/schemas/istio}. */
  public static Path istioSchemaDir() {
    return TestFiles.sharedDir("schemas/istio");
  }
}
