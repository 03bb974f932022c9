package io.refzarr.cli.args;

import java.io.PrintWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A command with its parsed options, as picocli's class of the same name: the annotations that
 * declare commands, the model built from them, and {@link #execute}. Subcommands inherit {@code
 * -h/--help}, {@code -V/--version} and the version of the top command; enum values are matched
 * case-insensitively.
 */
public final class CommandLine {
  static final String NO_DEFAULT = "__no_default_value__";

  /** A command: its name in usage and on the command line, and its description lines. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  public @interface Command {
    String name();

    String[] description() default {};

    /** Adds -h/--help and -V/--version (every command has them here; kept for readability). */
    boolean mixinStandardHelpOptions() default false;

    String[] version() default {};
  }

  /** A named option; its type (flag, value, list or NAME=VALUE map) is the field's. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Option {
    String[] names();

    String paramLabel() default "";

    /** {@code ${DEFAULT-VALUE}} in it stands for {@link #defaultValue}. */
    String[] description() default {};

    String defaultValue() default NO_DEFAULT;

    boolean required() default false;
  }

  /** Positional parameters: {@code index} "0", "1" or "1..*" (default: all of them). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Parameters {
    String index() default "";

    /** "1..*": at least one value; a positional with a default value is optional. */
    String arity() default "";

    String paramLabel() default "";

    String[] description() default {};

    String defaultValue() default NO_DEFAULT;
  }

  /** A field whose object's options (and mixins) belong to the command. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Mixin {}

  /** Receives the command's {@link Model.CommandSpec} (in a mixin: its own, or the mixing one). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Spec {
    Target value() default Target.SELF;

    /** Whose spec. */
    enum Target {
      SELF,
      MIXEE
    }
  }

  /** Receives the parent command's object. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface ParentCommand {}

  /** A usage error: the message, then the usage of {@link #getCommandLine}, exit status 2. */
  public static final class ParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CommandLine commandLine;

    public ParameterException(CommandLine commandLine, String message) {
      super(message);
      this.commandLine = commandLine;
    }

    public CommandLine getCommandLine() {
      return commandLine;
    }
  }

  /** Handles an exception of a command's own code; returns the exit status. */
  @FunctionalInterface
  public interface ExecutionExceptionHandler {
    int handle(Exception e, CommandLine commandLine);
  }

  /** The declared form of commands. */
  public static final class Model {
    private Model() {}

    /** A command, or a mixin: its options and positional parameters, bound to their fields. */
    public static final class CommandSpec {
      final String name;
      final Command command; // null for a mixin
      final Object userObject;
      final CommandLine commandLine;
      final CommandSpec parent;
      final List<ArgSpec> options = new ArrayList<>();
      final List<ArgSpec> positionals = new ArrayList<>();
      final Map<String, CommandSpec> mixins = new LinkedHashMap<>();

      CommandSpec(String name, Command command, Object userObject, CommandLine cl, CommandSpec p) {
        this.name = name;
        this.command = command;
        this.userObject = userObject;
        this.commandLine = cl;
        this.parent = p;
      }

      public String name() {
        return name;
      }

      @SuppressWarnings("unchecked")
      public <T> T userObject() {
        return (T) userObject;
      }

      public CommandLine commandLine() {
        return commandLine;
      }

      /** The command this one is a subcommand of, or null. */
      public CommandSpec parent() {
        return parent;
      }

      /** The mixins by field name. */
      public Map<String, CommandSpec> mixins() {
        return Collections.unmodifiableMap(mixins);
      }
    }
  }

  final Model.CommandSpec spec;

  /** The subcommands' classes by name; a model is built only for the one the arguments name. */
  final Map<String, Class<?>> subcommands = new LinkedHashMap<>();

  private final Map<String, CommandLine> built = new LinkedHashMap<>();
  private final CommandLine parent;
  private PrintWriter out;
  private PrintWriter err;
  private ExecutionExceptionHandler exceptionHandler;
  private java.util.function.Consumer<CommandLine> beforeRun;
  boolean usageHelpRequested;
  boolean versionHelpRequested;

  /** The command {@code command}, whose class carries {@link Command}. */
  public CommandLine(Object command) {
    this(command, null);
  }

  private CommandLine(Object command, CommandLine parent) {
    this.parent = parent;
    this.spec = Specs.command(command, this, parent == null ? null : parent.spec);
  }

  /**
   * Adds the command of class {@code c}, made with its no-argument constructor when the arguments
   * name it: reflection over the options and mixins of every command would be most of a short
   * command's start-up.
   */
  public CommandLine addSubcommand(Class<?> c) {
    subcommands.put(nameOf(c), c);
    return this;
  }

  /** The subcommand {@code name}, built at the first call. */
  CommandLine subcommand(String name) {
    return built.computeIfAbsent(name, n -> new CommandLine(instantiate(subcommands.get(n)), this));
  }

  private static Object instantiate(Class<?> c) {
    try {
      Constructor<?> k = c.getDeclaredConstructor();
      k.setAccessible(true);
      return k.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make command " + c.getName(), e);
    }
  }

  /** The name of the command class {@code c}, without building it. */
  public static String nameOf(Class<?> c) {
    return c.getAnnotation(Command.class).name();
  }

  public Model.CommandSpec getCommandSpec() {
    return spec;
  }

  @SuppressWarnings("unchecked")
  public <T> T getCommand() {
    return (T) spec.userObject;
  }

  public CommandLine getParent() {
    return parent;
  }

  public void setOut(PrintWriter out) {
    this.out = out;
  }

  public void setErr(PrintWriter err) {
    this.err = err;
  }

  /** Where commands write text: set on this command or inherited from its parent. */
  public PrintWriter getOut() {
    return out != null || parent == null ? out : parent.getOut();
  }

  public PrintWriter getErr() {
    return err != null || parent == null ? err : parent.getErr();
  }

  /** Runs before the command that was parsed (not on help), with it; may throw a usage error. */
  public void setBeforeRun(java.util.function.Consumer<CommandLine> check) {
    this.beforeRun = check;
  }

  /** Answers exceptions of the commands' code other than usage errors. */
  public void setExecutionExceptionHandler(ExecutionExceptionHandler handler) {
    this.exceptionHandler = handler;
  }

  /** Prints the usage help. */
  public void usage(PrintWriter to) {
    to.print(Help.usage(this));
    to.flush();
  }

  /** The version lines (the top command's). */
  List<String> version() {
    return parent != null ? parent.version() : List.of(spec.command.version());
  }

  /**
   * Parses {@code args} and runs the command they name (the last subcommand); returns the exit
   * status: the command's, 0 after help, 2 after a usage error, the handler's after an exception.
   */
  public int execute(String... args) {
    CommandLine last = this;
    try {
      List<CommandLine> parsed = new Parser(this).parse(args);
      last = parsed.get(parsed.size() - 1);
      for (CommandLine cl : parsed) {
        if (cl.usageHelpRequested) {
          cl.usage(getOut());
          return 0;
        }
        if (cl.versionHelpRequested) {
          cl.version().forEach(getOut()::println);
          getOut().flush();
          return 0;
        }
      }
      if (beforeRun != null) {
        beforeRun.accept(last);
      }
      return run(last.spec.userObject);
    } catch (ParameterException e) {
      getErr().println(e.getMessage());
      e.getCommandLine().usage(getErr());
      return 2;
    } catch (Exception e) {
      if (exceptionHandler == null) {
        throw new IllegalStateException(e);
      }
      return exceptionHandler.handle(e, last);
    }
  }

  private static int run(Object command) throws Exception {
    if (command instanceof Callable<?> c) {
      Object status = c.call();
      return status instanceof Integer i ? i : 0;
    }
    ((Runnable) command).run();
    return 0;
  }
}
