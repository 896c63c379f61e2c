/**
 * Helpers that several mesh-config packages share; not API: they may change without notice.
 */
@NullMarked
package io.inferoute.internal;

import org.jspecify.annotations.NullMarked;
