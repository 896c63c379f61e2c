/** Injected time. */
@NullMarked
package io.inferoute.time;

import org.jspecify.annotations.NullMarked;
