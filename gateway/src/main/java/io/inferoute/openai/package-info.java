/**
 * The OpenAI API's wire format where more than one front end writes it: the error object and the
 * model list, shared by the standalone gateway and the simulated model servers.
 */
@NullMarked
package io.inferoute.openai;

import org.jspecify.annotations.NullMarked;
