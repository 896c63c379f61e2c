/**
 * The admin server: Prometheus metrics, health and readiness, live endpoint state, the active
 * policy, and {@code POST /v1/place} to ask for a decision without sending traffic.
 */
@NullMarked
package io.inferoute.admin;

import org.jspecify.annotations.NullMarked;
