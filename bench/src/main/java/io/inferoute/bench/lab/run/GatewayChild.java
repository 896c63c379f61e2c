package io.inferoute.bench.lab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One gateway child process, {@code io.inferoute.cli.Main serve}, on free loopback ports, its
 * output appended to a log file.
 */
final class GatewayChild implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final int httpPort;
  private final int extProcPort;
  private final int adminPort;
  private final Path log;

  private GatewayChild(Process process, int httpPort, int extProcPort, int adminPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.extProcPort = extProcPort;
    this.adminPort = adminPort;
    this.log = log;
  }

  /**
   * Starts {@code serve --policy policy} with the classpath {@code classpath} and extra JVM options
   * (e.g. {@link ClassArchive#jvmOptions}); does not wait for readiness (see {@link #awaitReady}).
   */
  static GatewayChild start(String classpath, List<String> jvmOptions, Path policy, Path log)
      throws IOException {
    int[] ports = freePorts(3);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of(
        "-cp", classpath, "io.inferoute.cli.Main", "serve", "--policy", policy.toString(),
        "--bind", "127.0.0.1", "--http-port", Integer.toString(ports[0]),
        "--ext-proc-port", Integer.toString(ports[1]), "--admin-port", Integer.toString(ports[2]),
        "--origin-header", LabPolicy.ORIGIN_HEADER, "--drain", "1",
        // The simulators' queues change within a second; the 500 ms default lags them.
        "--scrape-interval", "200ms"));
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new GatewayChild(p, ports[0], ports[1], ports[2], log);
  }

  /** Waits (bounded) until {@code /readyz} answers 200. */
  void awaitReady(HttpClient http) throws InterruptedException {
    HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz"))
        .timeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("gateway process exited with " + process.exitValue()
            + " before it was ready (expected: ready); see " + log);
      }
      try {
        if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(25); // polling a child process; no event to wait on
    }
    close();
    throw new IllegalStateException("gateway process: not ready after " + READY_TIMEOUT.toSeconds()
        + " s (expected: /readyz 200); see " + log);
  }

  int httpPort() {
    return httpPort;
  }

  int extProcPort() {
    return extProcPort;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** SIGTERM, then SIGKILL if it has not exited within the stop timeout; waits for the exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The classpath a child needs: the test classpath under surefire, else this JVM's. */
  static String currentClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private static int[] freePorts(int n) {
    // All held open together so the OS hands out distinct ports; a race with another process
    // between close and the child's bind is possible but rare on loopback.
    ServerSocket[] sockets = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : sockets) {
        closeQuietly(s);
      }
    }
  }

  private static void closeQuietly(ServerSocket s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (IOException e) {
      // Closing a probe socket: nothing to do.
    }
  }
}
