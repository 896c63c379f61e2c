package io.inferoute.extproc;

import com.google.protobuf.Value;
import java.util.HashSet;
import java.util.Set;

/**
 * The Endpoint Picker Protocol's subset hint: the proxy's list of endpoints the picker may choose
 * from, in {@code metadata_context["envoy.lb.subset_hint"]["x-gateway-destination-endpoint-subset"]}.
 */
final class SubsetHint {
  static final String NAMESPACE = "envoy.lb.subset_hint";
  static final String KEY = "x-gateway-destination-endpoint-subset";

  private SubsetHint() {}

  /** A list of {@code ip:port} strings, or one comma-separated string; empty allows nothing. */
  static Set<String> addresses(Value value) {
    Set<String> out = new HashSet<>();
    if (value.hasListValue()) {
      for (Value v : value.getListValue().getValuesList()) {
        add(out, v.getStringValue());
      }
    } else {
      add(out, value.getStringValue());
    }
    return out;
  }

  private static void add(Set<String> out, String text) {
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
  }
}
