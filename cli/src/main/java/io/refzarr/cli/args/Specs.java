package io.refzarr.cli.args;

import io.refzarr.cli.args.CommandLine.Command;
import io.refzarr.cli.args.CommandLine.Mixin;
import io.refzarr.cli.args.CommandLine.Model.CommandSpec;
import io.refzarr.cli.args.CommandLine.Option;
import io.refzarr.cli.args.CommandLine.Parameters;
import io.refzarr.cli.args.CommandLine.ParentCommand;
import io.refzarr.cli.args.CommandLine.Spec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Builds a command's {@link CommandSpec} from the annotations of its class and its superclasses
 * (theirs first), mixins included, and injects the specs and the parent command into the fields
 * that ask for them. Default values are set here, so each command object is parsed into once.
 */
final class Specs {
  private Specs() {}

  static CommandSpec command(Object command, CommandLine cl, CommandSpec parent) {
    Command c = command.getClass().getAnnotation(Command.class);
    if (c == null) {
      throw new IllegalArgumentException(command.getClass() + " has no @Command");
    }
    CommandSpec spec = new CommandSpec(c.name(), c, command, cl, parent);
    bind(command, spec, spec, spec);
    spec.options.add(ArgSpec.builtIn("-h", "--help", "Show this help message and exit."));
    spec.options.add(ArgSpec.builtIn("-V", "--version", "Print version information and exit."));
    spec.options.sort(ArgSpec.USAGE_ORDER);
    spec.positionals.sort((a, b) -> Integer.compare(a.indexFrom, b.indexFrom));
    return spec;
  }

  /**
   * Binds the annotated fields of {@code object} ({@code self}'s object) into {@code command}, the
   * command they belong to.
   */
  private static void bind(
      Object object, CommandSpec self, CommandSpec command, CommandSpec mixee) {
    for (Field f : fields(object.getClass())) {
      Option o = f.getAnnotation(Option.class);
      Parameters p = o == null ? f.getAnnotation(Parameters.class) : null;
      if (o != null) {
        command.options.add(option(o, f, object));
      } else if (p != null) {
        command.positionals.add(positional(p, f, object, command.positionals.size()));
      } else if (f.isAnnotationPresent(Mixin.class)) {
        mixin(object, f, command);
      } else if (f.isAnnotationPresent(Spec.class)) {
        boolean ofMixee = f.getAnnotation(Spec.class).value() == Spec.Target.MIXEE;
        set(f, object, ofMixee ? mixee : self);
      } else if (f.isAnnotationPresent(ParentCommand.class) && command.parent != null) {
        set(f, object, command.parent.userObject());
      }
    }
  }

  private static void mixin(Object object, Field f, CommandSpec command) {
    try {
      Object mixin = f.get(object);
      if (mixin == null) {
        var k = f.getType().getDeclaredConstructor();
        k.setAccessible(true);
        mixin = k.newInstance();
        f.set(object, mixin);
      }
      CommandSpec spec = new CommandSpec(f.getName(), null, mixin, command.commandLine, null);
      command.mixins.put(f.getName(), spec);
      bind(mixin, spec, command, command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make mixin " + f, e);
    }
  }

  private static ArgSpec option(Option o, Field f, Object object) {
    ArgSpec a =
        new ArgSpec(
            List.of(o.names()),
            o.paramLabel(),
            List.of(o.description()),
            defaultOf(o.defaultValue()),
            o.required(),
            0,
            0,
            f,
            object);
    a.applyDefault();
    return a;
  }

  private static ArgSpec positional(Parameters p, Field f, Object object, int next) {
    String index = p.index().isEmpty() ? (isList(f) ? next + "..*" : "" + next) : p.index();
    int dots = index.indexOf("..");
    int from = Integer.parseInt(dots < 0 ? index : index.substring(0, dots));
    String end = dots < 0 ? index : index.substring(dots + 2);
    int to = end.equals("*") ? Integer.MAX_VALUE : Integer.parseInt(end);
    String defaultValue = defaultOf(p.defaultValue());
    boolean optional = defaultValue != null || p.arity().startsWith("0");
    ArgSpec a =
        new ArgSpec(
            List.of(),
            p.paramLabel(),
            List.of(p.description()),
            defaultValue,
            !optional,
            from,
            to,
            f,
            object);
    a.applyDefault();
    return a;
  }

  private static boolean isList(Field f) {
    return List.class.isAssignableFrom(f.getType());
  }

  private static String defaultOf(String annotated) {
    return annotated.equals(CommandLine.NO_DEFAULT) ? null : annotated;
  }

  /** The instance fields of {@code c} and its superclasses, the superclasses' first. */
  private static List<Field> fields(Class<?> c) {
    Deque<Class<?>> chain = new ArrayDeque<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      chain.push(k);
    }
    List<Field> out = new java.util.ArrayList<>();
    for (Class<?> k : chain) {
      for (Field f : k.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && f.getDeclaredAnnotations().length > 0) {
          f.setAccessible(true);
          out.add(f);
        }
      }
    }
    return out;
  }

  private static void set(Field f, Object object, Object value) {
    try {
      f.set(object, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
