package io.inferoute.scrape;

import io.inferoute.time.Ticker;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Scrapes every target's Prometheus metrics on an interval and feeds the load it finds into the
 * target's {@link io.inferoute.telemetry.EndpointTelemetry}.
 *
 * <p>Scrapes are asynchronous ({@code java.net.http} {@code sendAsync}), concurrent across
 * endpoints and bounded in time and size: one scheduler thread starts them, the HTTP client's
 * threads parse the (bounded) bodies, and no request thread ever waits. An endpoint whose previous
 * scrape is still running is skipped, so a hanging server holds at most one connection. A failed,
 * slow, unparsable or empty scrape reports nothing: the last load stays as it was and ages until
 * the telemetry calls it stale — a dead server never looks idle. {@link #statuses()} tells, per
 * endpoint, when the last success and the last error were.
 */
public final class LoadScraper implements AutoCloseable {
  /** Default time between scrape rounds. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

  /** Default limit on one scrape, from sending the request to the last body byte. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(400);

  /** Default limit on a metrics body. */
  public static final int DEFAULT_MAX_BODY_BYTES = 4 << 20;

  private static final System.Logger LOG = System.getLogger(LoadScraper.class.getName());

  private final HttpClient client;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Ticker ticker;
  private final Duration interval;
  private final Duration timeout;
  private final PrometheusTextParser parser;
  private final ScrapeListener listener;
  private volatile List<TargetState> targets = List.of();
  private @Nullable ScheduledFuture<?> rounds;

  private LoadScraper(Builder b) {
    this.client = b.client != null ? b.client
        : HttpClient.newBuilder().connectTimeout(b.timeout).version(HttpClient.Version.HTTP_1_1).build();
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = b.scheduler != null ? b.scheduler : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "inferoute-load-scraper");
      t.setDaemon(true);
      return t;
    });
    this.ticker = b.ticker;
    this.interval = b.interval;
    this.timeout = b.timeout;
    this.parser = PrometheusTextParser.withMaxChars(b.maxBodyBytes);
    this.listener = b.listener;
  }

  /** A builder with the defaults above, the system ticker and its own HTTP client and thread. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Replaces the set of targets. A target equal to a current one keeps its status; a changed or
   * new one starts fresh; removed ones are forgotten (a scrape in flight for one still completes
   * but reports into its own telemetry only).
   *
   * @throws IllegalArgumentException when two targets name the same endpoint
   */
  public synchronized void setTargets(Collection<ScrapeTarget> newTargets) {
    Map<String, TargetState> current = new HashMap<>();
    for (TargetState state : targets) {
      current.put(state.target.endpoint(), state);
    }
    Map<String, TargetState> next = new LinkedHashMap<>();
    for (ScrapeTarget target : newTargets) {
      TargetState old = current.get(target.endpoint());
      TargetState state = old != null && old.target.equals(target) ? old : new TargetState(target);
      if (next.put(target.endpoint(), state) != null) {
        throw new IllegalArgumentException(
            "targets: \"" + target.endpoint() + "\" appears twice (expected: one target per endpoint)");
      }
    }
    targets = List.copyOf(next.values());
  }

  /** Starts scraping every {@code interval}, the first round now; idempotent. */
  public synchronized void start() {
    if (rounds == null) {
      rounds = scheduler.scheduleWithFixedDelay(this::startRound, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Starts one scrape of every target not already being scraped, now.
   *
   * @return completes (never exceptionally) when all the scrapes started here have ended
   */
  public CompletableFuture<Void> scrapeNow() {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (TargetState state : targets) {
      if (state.inFlight.compareAndSet(false, true)) {
        started.add(scrape(state));
      }
    }
    return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
  }

  /** The status of {@code endpoint}, or null when it is not a target. */
  public @Nullable ScrapeStatus status(String endpoint) {
    for (TargetState state : targets) {
      if (state.target.endpoint().equals(endpoint)) {
        return state.status;
      }
    }
    return null;
  }

  /** The status of every target, by endpoint name, in target order. */
  public Map<String, ScrapeStatus> statuses() {
    Map<String, ScrapeStatus> all = new LinkedHashMap<>();
    for (TargetState state : targets) {
      all.put(state.target.endpoint(), state.status);
    }
    return all;
  }

  /** Stops the rounds (and the scheduler thread if the scraper made it); scrapes in flight end on their own. */
  @Override
  public synchronized void close() {
    if (rounds != null) {
      rounds.cancel(false);
      rounds = null;
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  private void startRound() {
    try {
      scrapeNow();
    } catch (Throwable t) {
      // An exception would silently cancel the periodic task: log and keep scraping.
      LOG.log(Level.WARNING, "scrape round failed to start", t);
    }
  }

  private CompletableFuture<Void> scrape(TargetState state) {
    ScrapeTarget target = state.target;
    HttpRequest request = HttpRequest.newBuilder(target.metricsUrl()).timeout(timeout)
        .header("accept", "text/plain;version=0.0.4").GET().build();
    CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, info ->
        info.statusCode() == 200 ? new BoundedBodySubscriber(parser.maxChars()) : BodySubscribers.replacing(""));
    // The request timeout covers only the wait for headers; this one also bounds a body that stalls.
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline = scheduler.schedule(() -> {
      timedOut.set(true);
      exchange.cancel(true);
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    return exchange.handle((response, error) -> {
      deadline.cancel(false);
      try {
        String problem = error != null ? describe(error, timedOut.get()) : apply(target, response);
        record(state, problem);
      } catch (Throwable t) {
        record(state, "scrape: " + t);
      }
      return null;
    });
  }

  /** Feeds the load in {@code response} to the target; returns why it could not, or null. */
  private @Nullable String apply(ScrapeTarget target, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return "status: " + response.statusCode() + " (expected: 200)";
    }
    LoadSample load;
    try {
      load = target.mapping().extract(parser.parse(response.body()));
    } catch (MetricsFormatException e) {
      return "metrics: " + e.getMessage();
    }
    if (!load.hasAny()) {
      return "metrics: none of the " + target.mapping().engine() + " load metrics present";
    }
    load.reportTo(target.telemetry());
    return null;
  }

  private String describe(Throwable error, boolean timedOut) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (timedOut || cause instanceof CancellationException || cause instanceof java.net.http.HttpTimeoutException) {
      return "timeout: no complete answer within " + timeout.toMillis() + " ms";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private void record(TargetState state, @Nullable String problem) {
    long now = ticker.read();
    ScrapeStatus status = problem == null ? state.status.succeeded(now) : state.status.failed(now, problem);
    state.status = status;
    state.inFlight.set(false);
    try {
      listener.onScrape(status);
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "scrape listener failed for " + status.endpoint(), t);
    }
  }

  /** A target and its mutable scrape state. */
  private static final class TargetState {
    final ScrapeTarget target;
    final AtomicBoolean inFlight = new AtomicBoolean();
    volatile ScrapeStatus status;

    TargetState(ScrapeTarget target) {
      this.target = target;
      this.status = ScrapeStatus.initial(target.endpoint());
    }
  }

  /** Configures a {@link LoadScraper}. */
  public static final class Builder {
    private @Nullable HttpClient client;
    private @Nullable ScheduledExecutorService scheduler;
    private Ticker ticker = Ticker.systemTicker();
    private Duration interval = DEFAULT_INTERVAL;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private ScrapeListener listener = ScrapeListener.none();

    private Builder() {}

    /** The HTTP client to scrape with (default: a new HTTP/1.1 client). */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The scheduler for rounds and deadlines (default: one daemon thread the scraper owns). */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The clock of {@link ScrapeStatus} times; use the telemetry's. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    public Builder interval(Duration interval) {
      this.interval = positive("interval", interval);
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder listener(ScrapeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public LoadScraper build() {
      return new LoadScraper(this);
    }

    private static Duration positive(String name, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
      }
      return value;
    }
  }
}
