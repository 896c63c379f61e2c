package io.inferoute.policy.yaml;

import java.util.regex.Pattern;

/** The spellings allowed for the names a policy declares and refers to. */
enum NameKind {
  /** Tiers, endpoints, routes, hardware labels, the policy: they appear in metric labels. */
  NAME("[a-z0-9]([-a-z0-9._]{0,61}[a-z0-9])?", "a lower-case name like edge-gpu"),
  /** Model names as clients send them, e.g. {@code meta-llama/Llama-3.1-8B-Instruct}. */
  MODEL("[^\\s\\p{Cntrl}]{1,256}", "a model name without spaces"),
  /** A locality region, as in {@code region/zone/subzone}. */
  REGION("[^/*\\s\\p{Cntrl}]{1,63}", "a region name without '/', '*' or spaces"),
  /** An HTTP header name in lower case. */
  HEADER("[a-z0-9!#$%&'*+.^_`|~-]{1,128}", "a lower-case header name like x-priority");

  private final Pattern pattern;
  private final String expected;

  NameKind(String regex, String expected) {
    this.pattern = Pattern.compile(regex);
    this.expected = expected;
  }

  boolean matches(String text) {
    return pattern.matcher(text).matches();
  }

  String expected() {
    return expected;
  }

  String regex() {
    return pattern.pattern();
  }
}
