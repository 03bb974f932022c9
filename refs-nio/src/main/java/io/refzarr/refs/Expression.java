package io.refzarr.refs;

import java.util.Map;

/**
 * A tiny, safe expression language for {@code gen} and templates: integer literals, names,
 * parentheses, unary minus, and {@code + - * // / %} on 64-bit integers ({@code /} only when it
 * divides exactly; {@code //} and {@code %} floor like Python). A bare name may also yield a string
 * (a template value). Overflow and division by zero are errors. Nothing is ever executed.
 */
abstract class Expression {
  private static final int MAX_LENGTH = 1000;

  abstract Object evaluate(Map<String, Object> vars);

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException if it is not in the language
   */
  static Expression parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("expression longer than " + MAX_LENGTH + " characters");
    }
    Parser p = new Parser(text);
    Expression e = p.sum();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw new IllegalArgumentException(
          "unsupported expression \"" + text.trim() + "\" (at character " + (p.pos + 1) + ")");
    }
    return e;
  }

  static long asLong(Object v, String what) {
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof String) {
      try {
        return Long.parseLong(((String) v).trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException(what + " is \"" + v + "\", not an integer");
  }

  private static final class Parser {
    final String s;
    int pos;
    int depth;

    Parser(String s) {
      this.s = s;
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean eat(String token) {
      skipSpace();
      if (s.startsWith(token, pos)) {
        pos += token.length();
        return true;
      }
      return false;
    }

    Expression sum() {
      Expression left = product();
      while (true) {
        if (eat("+")) {
          left = new Binary('+', left, product());
        } else if (eat("-")) {
          left = new Binary('-', left, product());
        } else {
          return left;
        }
      }
    }

    Expression product() {
      Expression left = unary();
      while (true) {
        if (eat("//")) {
          left = new Binary('f', left, unary());
        } else if (eat("*")) {
          left = new Binary('*', left, unary());
        } else if (eat("/")) {
          left = new Binary('/', left, unary());
        } else if (eat("%")) {
          left = new Binary('%', left, unary());
        } else {
          return left;
        }
      }
    }

    Expression unary() {
      if (eat("-")) {
        return new Binary('-', new Literal(0L), unary());
      }
      if (eat("+")) {
        return unary();
      }
      return atom();
    }

    Expression atom() {
      skipSpace();
      if (eat("(")) {
        if (++depth > 50) {
          throw new IllegalArgumentException("expression nested too deeply");
        }
        Expression e = sum();
        if (!eat(")")) {
          throw new IllegalArgumentException("missing \")\" in \"" + s.trim() + "\"");
        }
        depth--;
        return e;
      }
      int start = pos;
      if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        try {
          return new Literal(Long.parseLong(s.substring(start, pos)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("integer literal too large in \"" + s.trim() + "\"");
        }
      }
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (pos == start) {
        throw new IllegalArgumentException(
            "unsupported expression \"" + s.trim() + "\" (at character " + (pos + 1) + ")");
      }
      return new Name(s.substring(start, pos));
    }
  }

  private static final class Literal extends Expression {
    final Long value;

    Literal(Long value) {
      this.value = value;
    }

    @Override
    Object evaluate(Map<String, Object> vars) {
      return value;
    }
  }

  private static final class Name extends Expression {
    final String name;

    Name(String name) {
      this.name = name;
    }

    @Override
    Object evaluate(Map<String, Object> vars) {
      Object v = vars.get(name);
      if (v == null) {
        throw new IllegalArgumentException("unknown name \"" + name + "\"");
      }
      return v;
    }
  }

  private static final class Binary extends Expression {
    final char op;
    final Expression left;
    final Expression right;

    Binary(char op, Expression left, Expression right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    Object evaluate(Map<String, Object> vars) {
      long a = asLong(left.evaluate(vars), "operand");
      long b = asLong(right.evaluate(vars), "operand");
      try {
        switch (op) {
          case '+':
            return Math.addExact(a, b);
          case '-':
            return Math.subtractExact(a, b);
          case '*':
            return Math.multiplyExact(a, b);
          case 'f':
            return Math.floorDiv(a, nonZero(b));
          case '%':
            return Math.floorMod(a, nonZero(b));
          default:
            if (a % nonZero(b) != 0) {
              throw new IllegalArgumentException(a + " / " + b + " is not an integer");
            }
            return a / b;
        }
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("integer overflow in " + a + " " + op + " " + b);
      }
    }

    private static long nonZero(long b) {
      if (b == 0) {
        throw new IllegalArgumentException("division by zero");
      }
      return b;
    }
  }
}
