package io.inferoute.policy;

import java.util.List;

/** The little JSON writing the load results need; no dependency for a handful of strings. */
final class Json {
  private Json() {}

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  static String problems(List<PolicyProblem> problems) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < problems.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(problems.get(i).toJson());
    }
    return sb.append(']').toString();
  }
}
