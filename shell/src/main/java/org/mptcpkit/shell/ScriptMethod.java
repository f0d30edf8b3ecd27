package org.mptcpkit.shell;

import groovy.lang.Closure;
import groovy.lang.MetaMethod;
import groovy.lang.MissingMethodException;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * A method that a shell input defined, bound in the binding under its name so that later inputs
 * can call it (a script's method lives on that input's class only). Unlike a {@code MethodClosure},
 * a call with arguments no variant takes fails at once: through the script's own fallback to the
 * binding, a {@code MethodClosure} would call itself until the stack overflows.
 */
final class ScriptMethod extends Closure<Object> {
    private final Script script;
    private final String name;

    ScriptMethod(Script script, String name) {
        super(script);
        this.script = script;
        this.name = name;
    }

    @Override
    public Object call() {
        return dispatch(new Object[0]);
    }

    @Override
    public Object call(Object... args) {
        return dispatch(args);
    }

    @Override
    public Object call(Object arg) {
        return dispatch(new Object[] {arg});
    }

    /** For Groovy's closure dispatch, which calls doCall. */
    public Object doCall(Object... args) {
        return dispatch(args);
    }

    private Object dispatch(Object[] args) {
        MetaMethod method = InvokerHelper.getMetaClass(script).getMetaMethod(name, args);
        if (method == null) throw new MissingMethodException(name, script.getClass(), args);
        return method.doMethodInvoke(script, args);
    }

    @Override
    public String toString() {
        return "method " + name + " of " + script.getClass().getName();
    }
}
