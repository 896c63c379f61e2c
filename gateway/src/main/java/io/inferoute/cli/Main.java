package io.inferoute.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar inferoute.jar COMMAND …}: the executable's entry point. */
@Command(
    name = "inferoute",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Request router for AI inference traffic.",
    subcommands = {DemoCommand.class, ServeCommand.class, ValidateCommand.class, ExplainCommand.class,
        RenderCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs a command and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command and returns its exit code: 0 ok, 1 invalid input, 2 usage error. */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  /** Runs a command with its output and errors sent to the given writers. */
  static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"inferoute " + (v == null ? "development" : v)};
    }
  }
}
