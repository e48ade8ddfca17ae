package dev.alo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.alo.engine.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A YAML file whose keys are a command's long option names without the dashes ({@code listen:},
 * {@code backend:} as a list, {@code health-interval: 2s}...). Values fill the options not given on
 * the command line: flags win over the file, the file over the defaults.
 */
final class ConfigFile {
  private ConfigFile() {}

  static void apply(Path file, CommandLine.Model.CommandSpec spec) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.newBufferedReader(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException("no such config file: " + file);
    } catch (IOException e) {
      throw new InputException("config file " + file + " is not valid YAML: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new InputException("config file " + file + ": expected a mapping of option: value");
    }
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      OptionSpec option = spec.findOption("--" + key);
      if (option == null || key.equals("config") || key.equals("help") || key.equals("version")) {
        throw new InputException(
            "config file " + file + ": unknown key '" + key + "' (keys are the long options)");
      }
      if (parsed.hasMatchedOption(option)) {
        continue;
      }
      option.setValue(convert(file, key, option, e.getValue()));
    }
  }

  private static Object convert(Path file, String key, OptionSpec option, JsonNode value) {
    Class<?> type = option.type();
    try {
      if (List.class.isAssignableFrom(type)) {
        List<String> list = new ArrayList<>();
        if (value.isArray()) {
          for (JsonNode v : value) {
            list.add(scalar(file, key, v));
          }
        } else {
          list.add(scalar(file, key, value));
        }
        return list;
      }
      String text = scalar(file, key, value);
      CommandLine.ITypeConverter<?>[] converters = option.converters();
      if (converters != null && converters.length > 0) {
        return converted(file, key, converters[0], text);
      }
      if (type == int.class || type == Integer.class) {
        return Integer.parseInt(text);
      }
      if (type == long.class || type == Long.class) {
        return Long.parseLong(text);
      }
      if (type == double.class || type == Double.class) {
        return Double.parseDouble(text);
      }
      if (type == boolean.class || type == Boolean.class) {
        if (!text.equals("true") && !text.equals("false")) {
          throw new NumberFormatException(text);
        }
        return Boolean.parseBoolean(text);
      }
      return text;
    } catch (NumberFormatException e) {
      throw new InputException(
          "config file "
              + file
              + ": '"
              + key
              + "' has value '"
              + value.asText()
              + "' (expected "
              + (type == Integer.class
                  ? "int"
                  : type.getSimpleName().toLowerCase(java.util.Locale.ROOT))
              + ")");
    }
  }

  /** A value through the option's own converter, whose message says what was expected. */
  private static Object converted(
      Path file, String key, CommandLine.ITypeConverter<?> converter, String text) {
    Object v;
    try {
      v = converter.convert(text);
    } catch (Exception e) {
      throw new InputException("config file " + file + ": '" + key + "': " + e.getMessage());
    }
    if (v == null) {
      throw new InputException("config file " + file + ": '" + key + "' has no value");
    }
    return v;
  }

  private static String scalar(Path file, String key, JsonNode v) {
    if (!v.isValueNode() || v.isNull()) {
      throw new InputException("config file " + file + ": '" + key + "' needs a plain value");
    }
    return v.asText();
  }
}
