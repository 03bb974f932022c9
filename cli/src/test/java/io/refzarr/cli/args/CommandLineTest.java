package io.refzarr.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Model.CommandSpec;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.cli.args.CommandLine.ParameterException;
import io.refzarr.cli.args.CommandLine.Parameters;
import io.refzarr.cli.args.CommandLine.ParentCommand;
import io.refzarr.cli.args.CommandLine.Spec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  enum Colour {
    RED,
    DARK_BLUE
  }

  @Command(name = "tool", version = "tool 1.2", description = "A tool.")
  static final class Top implements Runnable {
    @Option(names = "--root", paramLabel = "DIR", description = "Root.")
    Path root;

    boolean ran;

    @Override
    public void run() {
      ran = true;
    }
  }

  static final class Shared {
    @Option(
        names = "--level",
        paramLabel = "N",
        defaultValue = "3",
        description = "Level (default: ${DEFAULT-VALUE}).")
    int level;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;
  }

  static final class Outer {
    @Option(names = "--name", paramLabel = "NAME", description = "Name.")
    String name;

    @Mixin Shared shared;
  }

  @Command(
      name = "go",
      description = {"Go somewhere.", "Second line."})
  static final class Go implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FROM", description = "Start.")
    Path from;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TO", description = "Stops.")
    List<String> to;

    @Option(
        names = {"-n", "--count"},
        paramLabel = "N",
        description = "Count.")
    long count;

    @Option(names = "--ratio", paramLabel = "R", description = "Ratio.")
    double ratio;

    @Option(
        names = {"-q", "--quiet"},
        description = "Quiet.")
    boolean quiet;

    @Option(
        names = {"-l", "--loud"},
        description = "Loud.")
    boolean loud;

    @Option(names = "--colour", paramLabel = "C", description = "Colour.")
    Colour colour;

    @Option(names = "--tag", paramLabel = "T", description = "Tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Setting (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--must", required = true, paramLabel = "M", description = "Required.")
    String must;

    @Mixin Outer outer;

    @Spec CommandSpec spec;

    @ParentCommand Top top;

    @Override
    public Integer call() {
      if (must.equals("fail")) {
        throw new ParameterException(spec.commandLine(), "must not fail");
      }
      if (must.equals("boom")) {
        throw new IllegalStateException("boom");
      }
      spec.commandLine().getOut().print("went");
      return 7;
    }
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private CommandLine cl;

  private int run(String... args) {
    cl = new CommandLine(new Top());
    cl.addSubcommand(Go.class);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (e, c) -> {
          c.getErr().println("failed: " + e.getMessage());
          return 1;
        });
    return cl.execute(args);
  }

  private Go go() {
    return cl.subcommand("go").getCommand();
  }

  @Test
  void optionsOfEachType_takeTheirValues() {
    int status =
        run(
            "go",
            "a/b",
            "x",
            "y",
            "-n",
            "12",
            "--ratio=0.5",
            "-ql",
            "--colour",
            "dark_blue",
            "--tag",
            "t1",
            "--tag=t2",
            "--set",
            "k=v=w",
            "--set",
            "j=",
            "--must",
            "m",
            "--name",
            "nm",
            "--level",
            "9");
    assertThat(status).as(err.toString()).isEqualTo(7);
    assertThat(out.toString()).isEqualTo("went");
    Go g = go();
    assertThat(g.from).isEqualTo(Path.of("a/b"));
    assertThat(g.to).containsExactly("x", "y");
    assertThat(g.count).isEqualTo(12L);
    assertThat(g.ratio).isEqualTo(0.5);
    assertThat(g.quiet).isTrue();
    assertThat(g.loud).isTrue();
    assertThat(g.colour).isEqualTo(Colour.DARK_BLUE);
    assertThat(g.tags).containsExactly("t1", "t2");
    assertThat(g.settings).containsExactly(Map.entry("k", "v=w"), Map.entry("j", ""));
    assertThat(g.outer.name).isEqualTo("nm");
    assertThat(g.outer.shared.level).isEqualTo(9);
    assertThat(g.outer.shared.mixee).isSameAs(g.spec);
    assertThat(g.top).isSameAs(cl.getCommand());
    assertThat(g.spec.mixins()).containsKeys("outer", "shared");
  }

  @Test
  void defaults_applyWhenNotGiven_andShortOptionsTakeAttachedValues() {
    assertThat(run("go", "a", "b", "--must", "m", "-n7")).isEqualTo(7);
    assertThat(go().outer.shared.level).isEqualTo(3);
    assertThat(go().count).isEqualTo(7);
    assertThat(go().quiet).isFalse();
    assertThat(go().tags).isEmpty();
  }

  @Test
  void globalOptionsBeforeTheCommand_goToTheTop() {
    assertThat(run("--root", "/r", "go", "a", "b", "--must", "m")).isEqualTo(7);
    assertThat(go().top.root).isEqualTo(Path.of("/r"));
    assertThat(go().spec.parent().<Top>userObject().root).isEqualTo(Path.of("/r"));
  }

  @Test
  void doubleDash_endsTheOptions() {
    assertThat(run("go", "--must", "m", "--", "-a", "--must")).isEqualTo(7);
    assertThat(go().from).isEqualTo(Path.of("-a"));
    assertThat(go().to).containsExactly("--must");
  }

  @Test
  void missingRequiredOption_isAUsageError() {
    assertThat(run("go", "a", "b")).isEqualTo(2);
    assertThat(err.toString()).startsWith("Missing required option: '--must=M'\nUsage: tool go ");
  }

  @Test
  void missingRequiredParameter_isAUsageError() {
    assertThat(run("go", "a", "--must", "m")).isEqualTo(2);
    assertThat(err.toString()).startsWith("Missing required parameter: 'TO'\nUsage: tool go");
    assertThat(run("go", "--must", "m")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameters: 'FROM', 'TO'");
  }

  @Test
  void unknownOptionsAndBadValues_areUsageErrors() {
    assertThat(run("go", "a", "b", "--must", "m", "--nope")).isEqualTo(2);
    assertThat(err.toString()).startsWith("Unknown option: '--nope'");
    assertThat(run("go", "a", "b", "--must", "m", "-qz")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '-qz'");
    assertThat(run("go", "a", "b", "--must", "m", "-n", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--count': 'many' is not a long");
    assertThat(run("go", "a", "b", "--must", "m", "--colour", "green")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Invalid value for option '--colour': expected one of [RED, DARK_BLUE]"
                + " (case-insensitive) but was 'green'");
    assertThat(run("go", "a", "b", "--must", "m", "--set", "novalue")).isEqualTo(2);
    assertThat(err.toString()).contains("should be in KEY=VALUE format but was novalue");
    assertThat(run("go", "a", "b", "--must")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter for option '--must' (M)");
    assertThat(run("go", "a", "b", "--must", "--tag")).isEqualTo(2);
    assertThat(err.toString()).contains("Expected parameter for option '--must' but found '--tag'");
    assertThat(run("go", "a", "b", "--must", "m", "--must", "n")).isEqualTo(2);
    assertThat(err.toString()).contains("option '--must' (M) should be specified only once");
    assertThat(run("go", "a", "b", "--must", "m", "-q", "--quiet")).isEqualTo(2);
    assertThat(err.toString()).contains("option '--quiet' should be specified only once");
    assertThat(run("nowhere")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument at index 0: 'nowhere'");
  }

  @Test
  void errorsOfTheCommand_goToUsageOrTheHandler() {
    assertThat(run("go", "a", "b", "--must", "fail")).isEqualTo(2);
    assertThat(err.toString()).startsWith("must not fail\nUsage: tool go");
    err.getBuffer().setLength(0);
    assertThat(run("go", "a", "b", "--must", "boom")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("failed: boom\n");
  }

  @Test
  void helpAndVersion_onTheSubcommand_needNoRequiredArguments() {
    assertThat(run("go", "--help")).isZero();
    String help = out.toString();
    assertThat(help)
        .startsWith("Usage: tool go [-hlqV] ")
        .contains("--must=M")
        .contains("[--tag=T]...")
        .contains("FROM TO...")
        .contains("Go somewhere.\nSecond line.\n")
        .contains("      FROM ")
        .contains("  -n, --count=N ")
        .contains("  -h, --help ")
        .contains("  -V, --version ")
        .contains("Level (default: 3).");
    assertThat(help.lines()).allMatch(l -> l.length() < 80);
    out.getBuffer().setLength(0);
    assertThat(run("go", "-V")).isZero();
    assertThat(out.toString()).isEqualTo("tool 1.2\n");
    out.getBuffer().setLength(0);
    assertThat(run("-h")).isZero();
    assertThat(out.toString())
        .startsWith("Usage: tool [-hV] [--root=DIR] [COMMAND]\nA tool.\n")
        .contains("Commands:\n  go  Go somewhere.\n");
  }

  @Test
  void topCommandAlone_runs() {
    assertThat(run()).isZero();
    assertThat(cl.<Top>getCommand().ran).isTrue();
  }
}
