package io.inferoute.bench.lab.workload;

import java.util.Objects;

/**
 * One message of an OpenAI chat request.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** Characters this message adds to the simulators' prompt text ({@code role\ncontent\n}). */
  int promptChars() {
    return role.length() + content.length() + 2;
  }
}
