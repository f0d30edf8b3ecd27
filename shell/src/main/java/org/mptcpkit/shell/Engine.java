package org.mptcpkit.shell;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.EmptyExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

/**
 * Compiles and runs Groovy source with the DSL: {@link Dsl} as the script base class, the model
 * packages and the static word classes imported, and one {@link Binding} shared by every input.
 *
 * <p>In the shell ({@link Mode#INTERACTIVE}, {@link Mode#BATCH}) each input is its own script, so the engine makes what a
 * user defines outlive the input it was typed in: a top-level {@code def x = ...} assigns the
 * binding instead of declaring a local, a top-level method is bound as a closure of the same
 * name, and classes stay in the class loader. On a terminal it also compiles
 * {@link ThreadInterrupt} checks into loops and closures so that Ctrl-C stops a runaway loop. Not thread-safe: one input at a time.
 */
final class Engine {
    /** How inputs are compiled. */
    enum Mode {
        /** Shell on a terminal: interpreter mode, and Ctrl-C interrupts loops. */
        INTERACTIVE,
        /** Shell fed by a pipe: interpreter mode (no Ctrl-C to serve). */
        BATCH,
        /** A script file: plain Groovy semantics, one compilation. */
        SCRIPT
    }

    /** Whether more input could complete a source: see {@link #check(String)}. */
    enum Status { COMPLETE, INCOMPLETE, ERROR }

    /** A compiled input: its class and what the interpreter-mode pass found in it. */
    record Unit(Class<?> type, boolean showsResult, List<String> methods) {
    }

    /** Continuations tried after the closers, in {@link #check}: nothing, an operand, a block. */
    private static final String[] PROBES = {"", " x", " {}"};

    private final Vocabulary vocabulary;
    private final Binding binding;
    private final Dsl.Context context;
    private final CompilerConfiguration config;
    private final CompilerConfiguration parseConfig = new CompilerConfiguration();
    private final GroovyClassLoader loader;
    private final InterpreterMode interpreterMode;
    /** The imports earlier inputs made, for the later ones: {@code import java.time.*} lasts. */
    private final ImportCustomizer userImports = new ImportCustomizer();

    Engine(Vocabulary vocabulary, Binding binding, PrintWriter out, Mode mode) {
        this.vocabulary = vocabulary;
        this.binding = binding;
        this.context = new Dsl.Context(vocabulary, out);
        interpreterMode = mode == Mode.SCRIPT ? null : new InterpreterMode();
        // The interpreter-mode pass first: it must see the user's own imports, not the DSL's.
        this.config = configuration(vocabulary, interpreterMode);
        if (interpreterMode != null) config.addCompilationCustomizers(userImports);
        if (mode == Mode.INTERACTIVE) config.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        this.loader = new GroovyClassLoader(Engine.class.getClassLoader(), config);
        binding.setVariable("out", out);
        vocabulary.closures().forEach(binding::setVariable);
        vocabulary.variables().forEach(binding::setVariable);
    }

    /** The compiler configuration of every script: the DSL base class and imports. */
    static CompilerConfiguration configuration(Vocabulary vocabulary, CompilationCustomizer... first) {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(Dsl.class.getName());
        for (CompilationCustomizer c : first) {
            if (c != null) cc.addCompilationCustomizers(c);
        }
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports(vocabulary.starImports().toArray(String[]::new));
        for (String c : vocabulary.staticStarImports()) imports.addStaticStars(c);
        cc.addCompilationCustomizers(imports);
        return cc;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    Binding binding() {
        return binding;
    }

    /**
     * Compiles {@code source} as a class named after {@code name} (which also becomes the file
     * name in stack traces).
     *
     * @throws CompilationFailedException a syntax or semantic error
     */
    Unit compile(String source, String name) {
        if (interpreterMode != null) interpreterMode.reset();
        Class<?> type = loader.parseClass(new GroovyCodeSource(source, name, "/groovy/shell"), false);
        if (interpreterMode == null) return new Unit(type, false, List.of());
        // Only now that the input compiled: a wrong import must not break every later input.
        for (ImportNode i : interpreterMode.imports) {
            if (i.isStar() && i.isStatic()) {
                userImports.addStaticStars(i.getClassName());
            } else if (i.isStar()) {
                String p = i.getPackageName();
                userImports.addStarImports(p.endsWith(".") ? p.substring(0, p.length() - 1) : p);
            } else if (i.isStatic()) {
                userImports.addStaticImport(i.getAlias(), i.getClassName(), i.getFieldName());
            } else {
                userImports.addImport(i.getAlias(), i.getClassName());
            }
        }
        return new Unit(type, interpreterMode.showsResult, List.copyOf(interpreterMode.methods));
    }

    /** Runs a compiled input against the shared binding and returns its value. */
    Object run(Unit unit) {
        return run(unit, binding);
    }

    Object run(Unit unit, Binding with) {
        // Source with only class declarations compiles to no script: nothing to run.
        if (!Script.class.isAssignableFrom(unit.type())) return null;
        Script script = InvokerHelper.createScript(unit.type(), with);
        if (script instanceof Dsl dsl) dsl.attach(context);
        for (String m : unit.methods()) with.setVariable(m, new ScriptMethod(script, m));
        return script.run();
    }

    /**
     * Tells complete input from input that more lines could complete (an open bracket, string or
     * comment, a trailing operator) and from input that is wrong whatever follows. Groovy's
     * parser alone cannot say: it reports {@code IP(dst:} at the {@code (}. So when the source
     * does not parse, the engine closes what {@link SourceScan} finds open and tries a few
     * continuations; if one parses, more input can complete the source.
     */
    Status check(String source) {
        if (source.isBlank()) return Status.COMPLETE;
        SyntaxException first = parseError(source);
        if (first == null) return Status.COMPLETE;
        SourceScan scan = SourceScan.of(source);
        if (scan.mismatch >= 0) return Status.ERROR;
        SourceScan.Open top = scan.top();
        if (top != null && (top.kind() == SourceScan.Kind.SINGLE_QUOTE || top.kind() == SourceScan.Kind.DOUBLE_QUOTE)) {
            // A '...' or "..." string cannot span lines: the next line cannot close it.
            return Status.ERROR;
        }
        String[] closers = scan.closers();
        for (String probe : PROBES) {
            if (parseError(source + closers[0] + probe + closers[1]) == null) return Status.INCOMPLETE;
        }
        return first.getOriginalMessage().contains("<EOF>") ? Status.INCOMPLETE : Status.ERROR;
    }

    /** The first syntax error of {@code source}, parsing only, or null when it parses. */
    SyntaxException parseError(String source) {
        CompilationUnit unit = new CompilationUnit(parseConfig, null, loader);
        unit.addSource("check.groovy", source);
        try {
            unit.compile(Phases.CONVERSION);
            return null;
        } catch (MultipleCompilationErrorsException e) {
            SyntaxException se = ErrorReport.firstSyntaxError(e);
            return se != null ? se : new SyntaxException(ErrorReport.oneLine(e), 1, 1);
        } catch (CompilationFailedException e) {
            return new SyntaxException(ErrorReport.oneLine(e), 1, 1);
        }
    }

    /**
     * The interpreter-mode pass, run on the parsed script before names are resolved. Records on
     * itself what it found; the engine reads that after the compile, on the same thread.
     */
    private static final class InterpreterMode extends CompilationCustomizer {
        boolean showsResult;
        final List<String> methods = new ArrayList<>();
        final List<ImportNode> imports = new ArrayList<>();

        InterpreterMode() {
            super(CompilePhase.CONVERSION);
        }

        void reset() {
            showsResult = false;
            methods.clear();
            imports.clear();
        }

        @Override
        public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            if (!classNode.isScript()) return;
            ModuleNode module = source.getAST();
            BlockStatement block = module.getStatementBlock();
            List<Statement> statements = block.getStatements();
            for (int i = 0; i < statements.size(); i++) {
                if (statements.get(i) instanceof ExpressionStatement es
                        && es.getExpression() instanceof DeclarationExpression d
                        && !d.isMultipleAssignmentDeclaration() && d.getAnnotations().isEmpty()) {
                    statements.set(i, bindingAssignment(es, d));
                }
            }
            // Like Python's REPL: an assignment shows nothing; an expression shows its value.
            showsResult = !statements.isEmpty() && !isAssignment(statements.get(statements.size() - 1));
            for (MethodNode m : module.getMethods()) {
                if (!methods.contains(m.getName())) methods.add(m.getName());
            }
            imports.addAll(module.getImports());
            imports.addAll(module.getStarImports());
            imports.addAll(module.getStaticImports().values());
            imports.addAll(module.getStaticStarImports().values());
        }

        /** {@code def x = v} becomes {@code x = v}: x then lives in the binding, for later inputs. */
        private static Statement bindingAssignment(ExpressionStatement es, DeclarationExpression d) {
            VariableExpression v = d.getVariableExpression();
            Expression right = d.getRightExpression();
            if (right instanceof EmptyExpression) right = ConstantExpression.NULL;
            Token op = Token.newSymbol(Types.ASSIGN, d.getOperation().getStartLine(), d.getOperation().getStartColumn());
            VariableExpression target = new VariableExpression(v.getName());
            target.setSourcePosition(v);
            BinaryExpression assign = new BinaryExpression(target, op, right);
            assign.setSourcePosition(d);
            ExpressionStatement replaced = new ExpressionStatement(assign);
            replaced.setSourcePosition(es);
            replaced.copyStatementLabels(es);
            return replaced;
        }

        private static boolean isAssignment(Statement s) {
            return s instanceof ExpressionStatement es
                    && es.getExpression() instanceof BinaryExpression b
                    && Types.ofType(b.getOperation().getType(), Types.ASSIGNMENT_OPERATOR);
        }
    }
}
