package dev.alo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The usage line of every command, written from its option definitions in the project's convention:
 * {@code [--opt v]} when the option's default is the literal {@code v}, {@code [--opt PLACEHOLDER]}
 * when it has none, {@code --opt PLACEHOLDER} when it is required, {@code [--flag]} for a switch,
 * {@code ...} after what may repeat. The default is the one the option definition declares (its
 * {@code defaultValue} or the command's default provider), so the usage line, the {@code (default:
 * ...)} of a description and the value a command runs with cannot differ. Standard options ({@code
 * --help}, {@code --version}, {@code --verbose}) and hidden ones are left out.
 */
final class Synopsis {
  /** Width of help text, a terminal's usual: picocli wraps descriptions at word boundaries. */
  static final int WIDTH = 80;

  private Synopsis() {}

  /**
   * Gives {@code cli} and each of its subcommands this usage line, the usage width, and option
   * lists that write an option's value as the usage line does ({@code --days N}, not {@code
   * --days=N}; both are accepted).
   */
  static void install(CommandLine cli) {
    cli.setUsageHelpWidth(WIDTH);
    cli.setHelpFactory(
        (spec, scheme) ->
            new CommandLine.Help(spec, scheme) {
              @Override
              public CommandLine.Help.IParamLabelRenderer parameterLabelRenderer() {
                return spaced(super.parameterLabelRenderer());
              }
            });
    install(cli, true);
  }

  /** The labels {@code renderer} writes, with a space where it puts {@code =}. */
  static CommandLine.Help.IParamLabelRenderer spaced(
      CommandLine.Help.IParamLabelRenderer renderer) {
    return new CommandLine.Help.IParamLabelRenderer() {
      @Override
      public CommandLine.Help.Ansi.Text renderParameterLabel(
          CommandLine.Model.ArgSpec arg,
          CommandLine.Help.Ansi ansi,
          List<CommandLine.Help.Ansi.IStyle> styles) {
        CommandLine.Help.Ansi.Text label = renderer.renderParameterLabel(arg, ansi, styles);
        String plain = label.plainString();
        return arg.isOption() && plain.startsWith("=")
            ? ansi.text(" " + plain.substring(1))
            : label;
      }

      @Override
      public String separator() {
        return " ";
      }
    };
  }

  private static void install(CommandLine cli, boolean top) {
    if (!top) {
      cli.getHelpSectionMap()
          .put(
              UsageMessageSpec.SECTION_KEY_SYNOPSIS,
              help -> render(help.commandSpec(), help.commandSpec().usageMessage().width()));
    }
    cli.getSubcommands().values().forEach(sub -> install(sub, false));
  }

  /** The usage line of {@code spec} wrapped at {@code width}, continuation lines indented. */
  static String render(CommandSpec spec, int width) {
    String head = spec.qualifiedName();
    String indent = " ".repeat("Usage: ".length() + head.length() + 1);
    StringBuilder out = new StringBuilder(head);
    int column = "Usage: ".length() + head.length();
    for (String token : tokens(spec)) {
      if (column + 1 + token.length() > width) {
        out.append(System.lineSeparator()).append(indent).append(token);
        column = indent.length() + token.length();
      } else {
        out.append(' ').append(token);
        column += 1 + token.length();
      }
    }
    return out.append(System.lineSeparator()).toString();
  }

  /** The words of the usage line after the command's name, one per argument. */
  static List<String> tokens(CommandSpec spec) {
    List<String> tokens = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        String t = p.paramLabel() + (p.isMultiValue() ? "..." : "");
        tokens.add(p.required() ? t : "[" + t + "]");
      }
    }
    for (OptionSpec o : spec.options()) {
      if (shown(o)) {
        tokens.add(token(o));
      }
    }
    return tokens;
  }

  /** Whether the option belongs in a usage line: not hidden and not a standard option. */
  static boolean shown(OptionSpec o) {
    return !o.hidden()
        && !o.usageHelp()
        && !o.versionHelp()
        && !o.longestName().equals("--verbose");
  }

  /** The option as its usage line writes it. */
  static String token(OptionSpec o) {
    String name = o.longestName();
    if (o.arity().max() == 0) {
      return "[" + name + "]";
    }
    Optional<String> literal = literalDefault(o);
    String value = literal.orElse(o.paramLabel());
    boolean split = !o.splitRegex().isEmpty();
    if (literal.isEmpty() && split) {
      value += ",...";
    } else if (literal.isEmpty() && o.arity().max() > 1) {
      value += "...";
    }
    String word = name + " " + value;
    if (o.required()) {
      return word;
    }
    boolean repeatable = o.isMultiValue() && !split && o.arity().max() == 1;
    return "[" + word + "]" + (repeatable ? "..." : "");
  }

  /**
   * The default the option definition declares: its {@code defaultValue}, else what the command's
   * default provider gives; empty when the option has none (an initial value is not a default the
   * user can read, so options without one state theirs in words).
   */
  static Optional<String> literalDefault(OptionSpec o) {
    CommandLine.IDefaultValueProvider provider =
        o.command() == null ? null : o.command().defaultValueProvider();
    if (provider != null) {
      try {
        String d = provider.defaultValue(o);
        if (d != null) {
          return Optional.of(d);
        }
      } catch (Exception e) {
        throw new IllegalStateException("default of " + o.longestName(), e);
      }
    }
    return Optional.ofNullable(o.defaultValue());
  }
}
