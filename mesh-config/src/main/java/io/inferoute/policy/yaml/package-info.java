/**
 * Reading routing policies from YAML: safe parsing into a positioned node tree, a typed walk that
 * collects every error with its line and column, cross-reference checks and warnings.
 *
 * <p>The public entry is {@link io.inferoute.policy.PolicyLoader}; {@link Units} is public so that
 * other configuration uses the same duration, size and percentage syntax.
 */
@NullMarked
package io.inferoute.policy.yaml;

import org.jspecify.annotations.NullMarked;
