package io.drydock.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * One custom rule: a CEL expression over the documented input ({@code docs/policy-cel-input.md}) that must
 * evaluate to a bool; {@code true} means the rule matches (and its action applies). Compiled and type-checked
 * once; evaluation is thread-safe.
 */
public final class CelRule {

  /** The variables an expression may use, with their CEL types. */
  public static final Map<String, String> VARIABLES = Map.of(
      "image", "map(string, dyn)", "config", "map(string, dyn)", "packages", "list(dyn)",
      "findings", "list(dyn)", "service", "map(string, dyn)", "tier", "string");

  private static final Cel CEL = CelFactory.standardCelBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("image", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("config", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("packages", ListType.create(SimpleType.DYN))
      .addVar("findings", ListType.create(SimpleType.DYN))
      .addVar("service", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("tier", SimpleType.STRING)
      .setResultType(SimpleType.BOOL)
      .build();

  private final String expression;
  private final CelRuntime.Program program;

  private CelRule(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  /** A compile error at a 1-based line and column of the expression text. */
  public static final class CompileError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    CompileError(int line, int column, String message) {
      super(message);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  public static CelRule compile(String expression) {
    try {
      var ast = CEL.compile(expression).getAst();
      return new CelRule(expression, CEL.createProgram(ast));
    } catch (CelValidationException e) {
      CelIssue first = e.getErrors().get(0);
      int line = Math.max(1, first.getSourceLocation().getLine());
      int col = Math.max(0, first.getSourceLocation().getColumn()) + 1;
      throw new CompileError(line, col, first.getMessage());
    } catch (dev.cel.common.CelException e) {
      throw new CompileError(1, 1, String.valueOf(e.getMessage()));
    }
  }

  public String expression() {
    return expression;
  }

  /** Evaluates on an input built by the caller; an evaluation error (e.g. a missing key) is thrown as one line. */
  public boolean matches(Map<String, ?> input) {
    try {
      return Boolean.TRUE.equals(program.eval(input));
    } catch (CelEvaluationException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
