/**
 * KV-cache affinity: prompt-prefix block hashes, a bounded index of which endpoint recently served
 * which block, and rendezvous (HRW) hashing so that independent router replicas agree on cold
 * prefixes and sessions without sharing state.
 */
@NullMarked
package io.inferoute.affinity;

import org.jspecify.annotations.NullMarked;
