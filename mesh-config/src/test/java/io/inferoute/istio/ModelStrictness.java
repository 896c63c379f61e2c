package io.inferoute.istio;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields that a fabric8 model object did not recognise: its classes keep unknown fields in
 * {@code additionalProperties} instead of failing, so a typo would otherwise pass unnoticed.
 */
final class ModelStrictness {

  private ModelStrictness() {}

  /** Paths of every non-empty {@code additionalProperties} in the object graph. */
  static List<String> unknownFields(Object model) {
    List<String> out = new ArrayList<>();
    walk(model, model.getClass().getSimpleName(), out, 0);
    return out;
  }

  private static void walk(Object node, String path, List<String> out, int depth) {
    if (depth > 30 || node == null) {
      return;
    }
    if (node instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", out, depth + 1);
      }
      return;
    }
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> walk(v, path + "[" + k + "]", out, depth + 1));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
        continue;
      }
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          out.add(path + ": unknown " + extra.keySet());
        }
      } else {
        walk(value, path + "." + getter.getName().substring(3), out, depth + 1);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(getter + ": " + e, e);
    }
  }
}
