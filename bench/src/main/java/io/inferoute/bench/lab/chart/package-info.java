/**
 * A small chart model (line and scatter series, linear or log axes, vertical markers, stacked
 * panels) and two renderers that draw it the same way: hand-written SVG and PNG through Java2D.
 * No plotting library: the lab's plots need little and the project adds no dependency for them.
 */
@NullMarked
package io.inferoute.bench.lab.chart;

import org.jspecify.annotations.NullMarked;
