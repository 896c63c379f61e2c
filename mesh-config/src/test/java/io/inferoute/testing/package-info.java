/**
 * Test fixtures shared through mesh-config's test-jar: finding repository files and reading YAML
 * documents, for this module's tests and the envoy module's.
 */
@NullMarked
package io.inferoute.testing;

import org.jspecify.annotations.NullMarked;
