package io.inferoute.cli;

import io.inferoute.policy.PolicyLoadResult;
import io.inferoute.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inferoute validate FILE…}: every error and warning of each policy file. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks routing-policy files and prints every error and warning.",
        "Exit code 0 when all are valid (warnings do not fail), 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy files (YAML)")
  List<Path> files = new ArrayList<>();

  @Option(names = "--format", defaultValue = "text",
      description = "text or json (one JSON array of results)")
  OutputFormat format = OutputFormat.text;

  enum OutputFormat { text, json }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean allValid = true;
    List<String> json = new ArrayList<>();
    for (Path file : files) {
      PolicyLoadResult result = PolicyLoader.load(file);
      allValid &= result.ok();
      if (format == OutputFormat.json) {
        json.add(result.toJson());
      } else {
        out.print(result.describe());
        out.println(file + ": " + (result.ok()
            ? "valid (" + result.warnings().size() + " warnings)"
            : "invalid (" + result.errors().size() + " errors, " + result.warnings().size() + " warnings)"));
      }
    }
    if (format == OutputFormat.json) {
      out.println("[" + String.join(",", json) + "]");
    }
    out.flush();
    return allValid ? 0 : 1;
  }
}
