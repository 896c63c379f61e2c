package io.inferoute.scrape;

/**
 * Reads a Prometheus sample value: a decimal float ({@code [+-]? digits [. digits] [e[+-]digits]})
 * or {@code NaN}, {@code Inf}, {@code +Inf}, {@code -Inf} in any case. Java's own {@code
 * Double.parseDouble} also accepts {@code 1d}, {@code 0x1p3} and {@code Infinity}, which are not
 * Prometheus values; this rejects them.
 */
final class FloatToken {
  private FloatToken() {}

  /** The value, or NaN when the token is not a valid value (callers tell NaN apart by the text). */
  static double parse(String token) {
    String unsigned = token.startsWith("+") || token.startsWith("-") ? token.substring(1) : token;
    if (unsigned.equalsIgnoreCase("inf")) {
      return token.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (token.equalsIgnoreCase("nan") || !isDecimal(unsigned)) {
      return Double.NaN;
    }
    return Double.parseDouble(token);
  }

  private static boolean isDecimal(String s) {
    int i = digits(s, 0);
    int intDigits = i;
    int fracDigits = 0;
    if (i < s.length() && s.charAt(i) == '.') {
      int after = digits(s, i + 1);
      fracDigits = after - i - 1;
      i = after;
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expStart = i;
      i = digits(s, i);
      if (i == expStart) {
        return false;
      }
    }
    return i == s.length();
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
