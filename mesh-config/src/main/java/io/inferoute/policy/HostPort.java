package io.inferoute.policy;

import io.inferoute.internal.Checks;

/**
 * An endpoint address, {@code host:port}; IPv6 literals are written {@code [::1]:8000}.
 *
 * @param host a DNS name or an IP literal, without brackets
 * @param port 1..65535
 */
public record HostPort(String host, int port) {
  public HostPort {
    Checks.name("host", host);
    Checks.between("port", port, 1, 65535);
  }

  /**
   * Parses {@code host:port} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw bad(text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[")) {
      if (!host.endsWith("]") || host.length() < 3) {
        throw bad(text);
      }
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0 || host.indexOf('/') >= 0 || host.indexOf(' ') >= 0) {
      throw bad(text);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw bad(text);
    }
    if (port < 1 || port > 65535) {
      throw bad(text);
    }
    return new HostPort(host, port);
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "\"" + text + "\" is not an address (expected: host:port or [ipv6]:port, port 1..65535)");
  }

  /** The form Envoy's ORIGINAL_DST cluster reads: {@code ip:port} or {@code [v6]:port}. */
  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
