package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.InputException;
import dev.alo.proxy.admin.AdminAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The admin endpoint's bearer token, from the environment ({@value #ENV}), from a file ({@code
 * --admin-token-file}) or from the deprecated {@code --admin-token}; at most one of them. Error
 * messages name the source, never the token.
 */
final class AdminToken {
  static final String ENV = "ALO_ADMIN_TOKEN";
  private static final int MAX_FILE_BYTES = 4096;

  private AdminToken() {}

  /** The token from whichever source is given, or empty when none is. */
  static Optional<String> resolve(
      Map<String, String> env, @Nullable String flag, @Nullable Path file) {
    String fromEnv = env.get(ENV);
    List<String> given = new ArrayList<>();
    if (fromEnv != null) {
      given.add(ENV);
    }
    if (file != null) {
      given.add("--admin-token-file");
    }
    if (flag != null) {
      given.add("--admin-token");
    }
    if (given.size() > 1) {
      throw new UsageException(
          "the admin token is given by " + String.join(" and ", given) + " (expected only one)");
    }
    if (fromEnv != null) {
      return Optional.of(checked(ENV, fromEnv));
    }
    if (file != null) {
      return Optional.of(checked("--admin-token-file " + file, read(file)));
    }
    return flag == null ? Optional.empty() : Optional.of(checked("--admin-token", flag));
  }

  private static String checked(String source, String token) {
    try {
      AdminAccess.checkToken(token);
    } catch (InputException e) {
      throw new InputException(source + ": " + e.getMessage());
    }
    return token;
  }

  /** The file's text without its trailing line break(s). */
  private static String read(Path file) {
    String where = "--admin-token-file " + file;
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new InputException(where + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InputException(where + ": permission denied");
    } catch (IOException e) {
      throw new InputException(where + ": cannot read it (" + e.getMessage() + ")");
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new InputException(
          where + ": larger than " + MAX_FILE_BYTES + " bytes (expected the token on one line)");
    }
    String text = new String(bytes, UTF_8);
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end == 0) {
      throw new InputException(where + ": the file is empty (expected the token on one line)");
    }
    return text.substring(0, end);
  }
}
