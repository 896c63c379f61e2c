/**
 * The upstream of the proxy-overhead comparison ({@code bench/proxy/run.sh}): one model endpoint on
 * loopback that Inferoute, nginx and HAProxy all forward to, answering fast and identically so that
 * what differs between the runs is the proxy.
 */
@NullMarked
package io.inferoute.bench.proxy;

import org.jspecify.annotations.NullMarked;
