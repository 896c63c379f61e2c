package io.inferoute.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a CRD's {@code openAPIV3Schema} into a JSON Schema (draft-04) that judges like the API server.
 *
 * <p>A Kubernetes structural schema is OpenAPI v3, close to draft-04 with three differences handled
 * here: {@code nullable: true} becomes a {@code "null"} alternative in {@code type}; the
 * {@code x-kubernetes-*} keywords are removed (their CEL rules are checked by {@link CelRules});
 * and an object with {@code properties} gets {@code additionalProperties: false} unless it says
 * {@code x-kubernetes-preserve-unknown-fields}, because {@code kubectl apply} (strict field
 * validation) rejects an unknown field rather than prune it.
 */
public final class CrdSchemas {

  private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");

  private CrdSchemas() {}

  /** A draft-04 copy of the schema; the argument is not changed. */
  public static ObjectNode toJsonSchema(JsonNode openApiSchema) {
    ObjectNode copy = openApiSchema.deepCopy();
    rewrite(copy);
    return copy;
  }

  private static void rewrite(ObjectNode schema) {
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    removeKubernetesKeywords(schema);
    rewriteNullable(schema);
    JsonNode properties = schema.get("properties");
    if (properties instanceof ObjectNode props) {
      props.elements().forEachRemaining(CrdSchemas::rewriteIfObject);
      if (!preserveUnknown && !schema.has("additionalProperties")) {
        schema.put("additionalProperties", false);
      }
    }
    rewriteIfObject(schema.get("additionalProperties"));
    rewriteIfObject(schema.get("items"));
    rewriteIfObject(schema.get("not"));
    for (String list : SUBSCHEMA_LISTS) {
      JsonNode subschemas = schema.get(list);
      if (subschemas != null) {
        subschemas.elements().forEachRemaining(CrdSchemas::rewriteIfObject);
      }
    }
  }

  private static void rewriteIfObject(JsonNode node) {
    if (node instanceof ObjectNode object) {
      rewrite(object);
    }
  }

  private static void removeKubernetesKeywords(ObjectNode schema) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String name = field.getKey();
      if (name.startsWith("x-kubernetes-")) {
        names.add(name);
      }
    }
    schema.remove(names);
  }

  private static void rewriteNullable(ObjectNode schema) {
    JsonNode nullable = schema.remove("nullable");
    JsonNode type = schema.get("type");
    if (nullable != null && nullable.asBoolean() && type != null && type.isTextual()) {
      ArrayNode types = JsonNodeFactory.instance.arrayNode().add(type.asText()).add("null");
      schema.set("type", types);
    }
  }
}
