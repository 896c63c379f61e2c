package io.inferoute.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI-format JSON bodies that the gateway and the simulator both answer with. */
public final class OpenAiBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiBodies() {}

  /** {@code {"error":{"message","type","param":null,"code"}}}, as OpenAI's API answers errors. */
  public static String error(String message, String type, String code) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    error.put("code", code);
    return root.toString();
  }

  /** The {@code GET /v1/models} list of {@code ids}, in their iteration order. */
  public static String modelList(Iterable<String> ids, String ownedBy) {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (String id : ids) {
      ObjectNode m = data.addObject();
      m.put("id", id);
      m.put("object", "model");
      m.put("created", 0);
      m.put("owned_by", ownedBy);
    }
    return root.toString();
  }
}
