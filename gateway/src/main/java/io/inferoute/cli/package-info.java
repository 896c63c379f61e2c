/** The command line: {@code demo}, {@code validate}, {@code explain}. */
@NullMarked
package io.inferoute.cli;

import org.jspecify.annotations.NullMarked;
