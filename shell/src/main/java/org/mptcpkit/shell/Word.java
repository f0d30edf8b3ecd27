package org.mptcpkit.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as a DSL word: {@link Vocabulary} lists it in {@code help()}, offers it to
 * tab completion and names its variants when a call has the wrong argument types. A word is a
 * plain method, either an instance method of {@link Dsl} (the script base class) or a static
 * method of a class registered with {@link Vocabulary#words(Class)}, which the compiler imports
 * statically so that scripts call it without an import. Overloads of one name form one word.
 *
 * <pre>{@code
 * @Word(value = "an IPv4 header", usage = "IP(dst:'10.0.0.1', ttl:64)", builds = Ip4.class)
 * public static Ip4 IP(Map<String, Object> fields) { ... }
 *
 * @Word("a TCP header built in a closure")
 * public static Tcp TCP(@DelegatesTo(value = Tcp.Builder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) { ... }
 * }</pre>
 *
 * <p>Completion offers the named arguments of a call ({@code IP(d<TAB>} gives {@code dst:}) from
 * {@link #fields()}, or else from the record components of {@link #builds()}; inside a closure
 * argument it offers the members of the {@code @DelegatesTo} type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Word {
    /** One line for {@code help()} and the completion menu: what the word gives. */
    String value();

    /** An example call, shown by {@code help('word')}; empty for none. */
    String usage() default "";

    /** The model type this word builds: its record components are the named arguments. */
    Class<?> builds() default void.class;

    /** The named arguments, when they are not the record components of {@link #builds()}. */
    String[] fields() default {};
}
