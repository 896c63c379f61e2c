/**
 * Reading what routing needs from an OpenAI-style request body (model, prompt prefix, stream,
 * max tokens) with Jackson's streaming parser, without building a tree or copying the body.
 */
@NullMarked
package io.inferoute.request;

import org.jspecify.annotations.NullMarked;
