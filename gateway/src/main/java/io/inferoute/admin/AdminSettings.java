package io.inferoute.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Where the admin server listens and how it is protected.
 *
 * @param host bind address; loopback by default
 * @param port 0 for any free port
 * @param bearerToken required as {@code Authorization: Bearer …} on every path except the probes;
 *     mandatory when {@code host} is not a loopback address
 */
public record AdminSettings(String host, int port, @Nullable String bearerToken) {
  public static final int DEFAULT_PORT = 9090;

  public AdminSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("admin.port: " + port + " (expected: 0..65535)");
    }
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException("admin.bearerToken: blank (expected: a secret, or none on loopback)");
    }
    if (bearerToken == null && !isLoopback(host)) {
      throw new IllegalArgumentException("admin.host: " + host
          + " (expected: a loopback address, or a bearer token when the admin server is exposed)");
    }
  }

  /** 127.0.0.1:9090 without a token. */
  public static AdminSettings defaults() {
    return new AdminSettings("127.0.0.1", DEFAULT_PORT, null);
  }

  public AdminSettings withPort(int port) {
    return new AdminSettings(host, port, bearerToken);
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
