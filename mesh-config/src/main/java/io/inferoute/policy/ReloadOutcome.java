package io.inferoute.policy;

import java.util.Locale;

/** What one reload attempt did; the label is the {@code result} of {@code inferoute_policy_reload_total}. */
public enum ReloadOutcome {
  /** A new valid policy was delivered and is now active. */
  ACCEPTED,
  /** The file was invalid (or the listener refused it); the previous policy stays active. */
  REJECTED,
  /** The content had not changed since the last attempt; nothing was done. */
  UNCHANGED;

  /** The metric label: {@code accepted}, {@code rejected}, {@code unchanged}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
