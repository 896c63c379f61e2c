package io.inferoute.envoy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inferoute.istio.IstioSchemas;
import java.nio.file.Path;
import java.util.Optional;

/** The Istio CRD schemas for tests, loaded once; tests that need them skip when they are absent. */
final class IstioSchemaFixture {

  private static final Path DIR = ModulePaths.istioSchemaDir();
  private static final Optional<IstioSchemas> SCHEMAS = IstioSchemas.load(DIR);

  private IstioSchemaFixture() {}

  /** The schemas, or a skipped test (JUnit assumption) with a message saying where they were looked for. */
  static IstioSchemas schemas() {
    assumeTrue(SCHEMAS.isPresent(), () -> "skipped: no Istio CRD schemas at " + DIR
        + " (shared/schemas/istio beside the repository); Istio resources not validated");
    return SCHEMAS.orElseThrow();
  }
}
