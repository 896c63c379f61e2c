package io.inferoute.endpoint;

import io.inferoute.affinity.Rendezvous;
import io.inferoute.breaker.CircuitBreaker;
import io.inferoute.policy.EndpointSpec;
import io.inferoute.telemetry.EndpointTelemetry;

/**
 * One endpoint of a fleet snapshot: its declared spec, a small id stable while it stays in the
 * fleet, and its live state.
 *
 * <p>The live state ({@link #telemetry()}, {@link #breaker()}) is shared by every snapshot that
 * holds an endpoint of the same name, so histograms and ejections carry over policy reloads.
 */
public final class Endpoint {
  private final int id;
  private final EndpointSpec spec;
  private final long rendezvousKey;
  private final String address;
  private final EndpointTelemetry telemetry;
  private final CircuitBreaker breaker;

  Endpoint(int id, EndpointSpec spec, EndpointTelemetry telemetry, CircuitBreaker breaker) {
    this.id = id;
    this.spec = spec;
    this.rendezvousKey = Rendezvous.endpointKey(spec.name());
    this.address = spec.address().toString();
    this.telemetry = telemetry;
    this.breaker = breaker;
  }

  /** Small non-negative id, unique in the fleet and stable while the endpoint stays. */
  public int id() {
    return id;
  }

  public String name() {
    return spec.name();
  }

  public EndpointSpec spec() {
    return spec;
  }

  /** {@code ip:port} as Envoy's ORIGINAL_DST cluster reads it. */
  public String address() {
    return address;
  }

  /** Rendezvous-hash key derived from the name, identical on every router replica. */
  public long rendezvousKey() {
    return rendezvousKey;
  }

  public EndpointTelemetry telemetry() {
    return telemetry;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public String toString() {
    return spec.name() + "(" + address + ", " + spec.tier() + ")";
  }
}
