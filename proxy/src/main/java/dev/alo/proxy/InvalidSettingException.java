package dev.alo.proxy;

/**
 * A configuration value {@link ProxyConfig.Builder} refuses. The message reads {@code threads: 0
 * (expected >= 1)}; the parts are there for callers that name settings their own way (the CLI
 * reports {@code --threads 0 (expected >= 1)}).
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;
  private final String expected;

  InvalidSettingException(String setting, String value, String expected) {
    super(setting + ": " + value + " (expected " + expected + ")");
    this.setting = setting;
    this.value = value;
    this.expected = expected;
  }

  /** The builder's name of the setting, e.g. {@code threads}. */
  public String setting() {
    return setting;
  }

  /** The refused value as text, e.g. {@code 0} or {@code 0s}. */
  public String value() {
    return value;
  }

  /** What was expected, e.g. {@code >= 1}. */
  public String expected() {
    return expected;
  }
}
