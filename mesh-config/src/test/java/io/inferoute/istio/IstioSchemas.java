package io.inferoute.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.inferoute.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Validates Istio resources against the CRD schemas in {@code shared/schemas/istio}.
 *
 * <p>Copied from the envoy module's test helpers (mesh-config cannot depend on its tests).
 *
 * <p>A resource's {@code spec} is checked against the {@code openAPIV3Schema} of the version its
 * {@code apiVersion} names (made draft-04 and strict by {@link CrdSchemas}), then against the CRD's
 * CEL rules ({@link CelRules}). istiod's webhook rules are not in the schema; see
 * {@link LocalityLbValidator} (production code).
 */
public final class IstioSchemas {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

  /** Spec schemas by "group/version kind", as written in the CRD. */
  private final Map<String, JsonNode> specSchemas;
  private final Map<String, Schema> compiled = new HashMap<>();

  private IstioSchemas(Map<String, JsonNode> specSchemas) {
    this.specSchemas = specSchemas;
  }

  /** The schemas in the directory, or empty when the directory does not exist. */
  public static Optional<IstioSchemas> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Map<String, JsonNode> schemas = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .forEach(f -> addCrd(TestFiles.readOne(f), schemas));
    } catch (IOException e) {
      throw new UncheckedIOException("istio schemas: " + dir, e);
    }
    return Optional.of(new IstioSchemas(schemas));
  }

  private static void addCrd(JsonNode crd, Map<String, JsonNode> schemas) {
    String group = crd.path("spec").path("group").asText();
    String kind = crd.path("spec").path("names").path("kind").asText();
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.path("served").asBoolean(false)) {
        JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
        schemas.put(key(group + "/" + version.path("name").asText(), kind), spec);
      }
    }
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + " " + kind;
  }

  /** Whether a served CRD version covers the resource's apiVersion and kind. */
  public boolean covers(JsonNode resource) {
    return specSchemas.containsKey(key(resource.path("apiVersion").asText(), resource.path("kind").asText()));
  }

  /** Every schema or CEL violation of the resource's spec; empty when istiod's schema accepts it. */
  public List<String> violations(JsonNode resource) {
    String key = key(resource.path("apiVersion").asText(), resource.path("kind").asText());
    JsonNode specSchema = specSchemas.get(key);
    if (specSchema == null) {
      return List.of("apiVersion/kind: " + key + " (expected: one of " + specSchemas.keySet() + ")");
    }
    JsonNode spec = resource.path("spec");
    List<String> out = new ArrayList<>();
    Schema schema = compiled.computeIfAbsent(key,
        k -> REGISTRY.getSchema(CrdSchemas.toJsonSchema(specSchema).toString(), InputFormat.JSON));
    for (Error error : schema.validate(spec.toString(), InputFormat.JSON)) {
      out.add("spec" + error.getInstanceLocation() + ": " + error.getMessage());
    }
    out.addAll(CelRules.violations(specSchema, spec, "spec"));
    return out;
  }
}
