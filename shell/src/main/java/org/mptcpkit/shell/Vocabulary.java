package org.mptcpkit.shell;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of the DSL and what the compiler imports for them: the single registry that the
 * compiler configuration, {@code help()}, tab completion and error messages read. The DSL layer
 * fills it at start-up ({@link #standard()}); it is filled once, then only read, from any thread.
 *
 * <p>Two ways to add words: annotate methods with {@link Word} and register their class with
 * {@link #words(Class)} (static methods are imported statically, instance methods must be on
 * {@link Dsl}), or {@link #closure(String, String, Closure) bind a closure}. Field names per packet
 * type come from record components, or from {@link #fields(Class, String...)} where those are not
 * the right names.
 */
public final class Vocabulary {
    /** One word: all overloads of one name. */
    public record Entry(String name, String summary, String usage, List<String> signatures,
                        List<String> fields, List<String> closureMembers, Closure<?> closure) {
        public Entry {
            signatures = List.copyOf(signatures);
            fields = List.copyOf(fields);
            closureMembers = List.copyOf(closureMembers);
        }
    }

    /** Packages every script sees without an import (the model, the codec, crypto). */
    static final List<String> MODEL_PACKAGES = List.of(
            "org.mptcpkit.packet", "org.mptcpkit.wire", "org.mptcpkit.crypto", "org.mptcpkit.format", "org.mptcpkit.io");

    private final Map<String, Entry> words = new TreeMap<>(String.CASE_INSENSITIVE_ORDER.thenComparing(java.util.Comparator.naturalOrder()));
    private final Set<String> starImports = new LinkedHashSet<>();
    private final Set<String> staticStarImports = new LinkedHashSet<>();
    private final Map<Class<?>, List<String>> explicitFields = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<String>> memberCache = new ConcurrentHashMap<>();
    private final List<Renderer> renderers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> warmUps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Object> variables = new java.util.concurrent.ConcurrentSkipListMap<>();

    /**
     * The shell's standard vocabulary: the model packages imported, the words of {@link Dsl}.
     * Hook: the packet words are registered here with {@code .words(PacketWords.class)}.
     */
    public static Vocabulary standard() {
        Vocabulary v = new Vocabulary();
        for (String p : MODEL_PACKAGES) {
            if (packageExists(p)) v.imports(p);
        }
        v.imports("org.mptcpkit.peer", "org.mptcpkit.io.lab");
        v.words(Dsl.class);
        // ls(TCP), help(IP): the layer words' names also name their types.
        v.variable("TCP", org.mptcpkit.packet.Tcp.class)
                .variable("IP", org.mptcpkit.packet.Ip4.class)
                .variable("IPv6", org.mptcpkit.packet.Ip6.class);
        v.renderer(new org.mptcpkit.shell.dsl.PacketRenderer());
        // A first command's classes (the words, the extension module, the formatter) loaded and
        // linked behind the prompt, and in the AOT cache's training run.
        v.warmUp("IP(dst:'10.0.0.1')");
        v.warmUp("p = IP(dst:'10.0.0.1')/TCP(sport:40000, dport:8080, flags:'S', options:[mss(1460), MpCapable()])/'x'\n"
                + "summary(p); show(p); hexdump(p); [p, p]");
        v.warmUp("TCP { syn(); mss 1460; sackOK(); ts 1, 0; wscale 7; mpCapable v1 }");
        v.warmUp("[Dss(dataAck:1, dsn:1, ssn:1, dll:1, checksum:true), MpJoin(addressId:1, receiverToken:1, senderRandom:2),"
                + " AddAddr(addressId:2, address:'10.0.1.1'), RemoveAddr(ids:[1]), MpFastclose(receiverKey:1), Option(kind:99, bytes:'01')]");
        return v;
    }

    /**
     * Binds {@code value} as the variable {@code name} in every session and script (the current
     * lab, type names such as {@code TCP} for {@code ls(TCP)}).
     */
    public Vocabulary variable(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    /** The variables every session binds, by name. */
    public Map<String, Object> variables() {
        return java.util.Collections.unmodifiableMap(variables);
    }

    /** Adds star imports for packages (e.g. {@code org.mptcpkit.packet}). */
    public Vocabulary imports(String... packages) {
        starImports.addAll(Arrays.asList(packages));
        return this;
    }

    /**
     * Registers the {@link Word}-annotated public methods of {@code provider}. Static methods are
     * imported statically; instance methods are reachable only on {@link Dsl} and its subclasses.
     */
    public Vocabulary words(Class<?> provider) {
        Map<String, List<Method>> byName = new LinkedHashMap<>();
        boolean anyStatic = false;
        for (Method m : provider.getMethods()) {
            if (m.getAnnotation(Word.class) == null) continue;
            boolean isStatic = Modifier.isStatic(m.getModifiers());
            if (!isStatic && !Dsl.class.isAssignableFrom(provider)) {
                throw new IllegalArgumentException(provider.getName() + "." + m.getName()
                        + ": a word must be static or declared on Dsl");
            }
            anyStatic |= isStatic;
            byName.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
        }
        if (anyStatic) staticStarImports.add(provider.getName());
        for (Map.Entry<String, List<Method>> e : byName.entrySet()) {
            List<Method> overloads = e.getValue();
            overloads.sort((a, b) -> signature(a).compareTo(signature(b)));
            String summary = "";
            String usage = "";
            Set<String> fields = new LinkedHashSet<>();
            Set<String> members = new LinkedHashSet<>();
            List<String> signatures = new ArrayList<>();
            for (Method m : overloads) {
                Word w = m.getAnnotation(Word.class);
                if (summary.isEmpty()) summary = w.value();
                if (usage.isEmpty()) usage = w.usage();
                if (w.fields().length > 0) fields.addAll(Arrays.asList(w.fields()));
                else if (w.builds() != void.class) fields.addAll(fieldsOf(w.builds()));
                for (Parameter p : m.getParameters()) {
                    DelegatesTo d = p.getAnnotation(DelegatesTo.class);
                    if (d != null && d.value() != DelegatesTo.Target.class) members.addAll(fieldsOf(d.value()));
                }
                signatures.add(signature(m));
            }
            put(new Entry(e.getKey(), summary, usage, signatures, new ArrayList<>(fields), new ArrayList<>(members), null));
        }
        return this;
    }

    /** Adds a renderer for results, asked before those registered earlier are not: in order. */
    public Vocabulary renderer(Renderer renderer) {
        renderers.add(renderer);
        return this;
    }

    /**
     * Adds a snippet that the interactive shell compiles and runs behind the prompt while the user
     * types, so that the classes a first command needs are loaded and linked by then (e.g.
     * {@code "IP(dst:'10.0.0.1')"}). Snippets run against a scratch binding; their output is dropped.
     */
    public Vocabulary warmUp(String snippet) {
        warmUps.add(snippet);
        return this;
    }

    public List<Renderer> renderers() {
        return List.copyOf(renderers);
    }

    public List<String> warmUps() {
        return List.copyOf(warmUps);
    }

    /** Registers a closure as a word; sessions bind it under {@code name}. */
    public Vocabulary closure(String name, String summary, Closure<?> closure) {
        List<String> sigs = new ArrayList<>();
        Class<?>[] types = closure.getParameterTypes();
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < types.length; i++) sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        sigs.add(sb.append(')').toString());
        put(new Entry(name, summary, "", sigs, List.of(), List.of(), closure));
        return this;
    }

    /**
     * Declares the field names of {@code type}, for completion after {@code value.} and inside
     * calls of the words that build it; replaces the record components.
     */
    public Vocabulary fields(Class<?> type, String... names) {
        explicitFields.put(type, List.of(names));
        memberCache.remove(type);
        return this;
    }

    private synchronized void put(Entry e) {
        words.put(e.name(), e);
    }

    /** All words, sorted by name. */
    public synchronized Collection<Entry> entries() {
        return List.copyOf(words.values());
    }

    /** The word called {@code name} (exact case), or null. */
    public synchronized Entry word(String name) {
        return words.get(name);
    }

    public List<String> starImports() {
        return List.copyOf(starImports);
    }

    public List<String> staticStarImports() {
        return List.copyOf(staticStarImports);
    }

    /** The closures registered as words, by name: what a session puts into its binding. */
    public synchronized Map<String, Closure<?>> closures() {
        Map<String, Closure<?>> m = new LinkedHashMap<>();
        for (Entry e : words.values()) if (e.closure() != null) m.put(e.name(), e.closure());
        return m;
    }

    /**
     * The names completion offers after {@code value.} for a value of {@code type}: the declared
     * field names, else the record components, else the public instance methods of the type
     * itself (a builder's setters), without Object's.
     */
    public List<String> fieldsOf(Class<?> type) {
        List<String> cached = memberCache.get(type);
        if (cached != null) return cached;
        List<String> names = explicitFields.get(type);
        if (names == null) {
            for (Map.Entry<Class<?>, List<String>> e : explicitFields.entrySet()) {
                if (e.getKey().isAssignableFrom(type)) names = e.getValue();
            }
        }
        if (names == null) names = derivedMembers(type);
        memberCache.put(type, names);
        return names;
    }

    private static List<String> derivedMembers(Class<?> type) {
        RecordComponent[] rc = type.getRecordComponents();
        if (rc != null) {
            List<String> names = new ArrayList<>(rc.length);
            for (RecordComponent c : rc) names.add(c.getName());
            return Collections.unmodifiableList(names);
        }
        if (!Modifier.isPublic(type.getModifiers())) return List.of();
        Set<String> names = new LinkedHashSet<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) continue;
            Class<?> owner = m.getDeclaringClass();
            if (owner == Object.class || owner.getName().startsWith("groovy.lang.")) continue;
            String n = m.getName();
            if (n.equals("build") || n.equals("toString") || n.equals("hashCode") || n.equals("equals")) continue;
            if (n.length() > 3 && n.startsWith("get") && Character.isUpperCase(n.charAt(3)) && m.getParameterCount() == 0) {
                // A getter is a property: TcpSpec.getV1() is written `v1`.
                n = Character.toLowerCase(n.charAt(3)) + n.substring(4);
            }
            names.add(n);
        }
        return List.copyOf(names);
    }

    /** {@code name(Type, Type...)} with simple type names, the way Groovy users read them. */
    static String signature(Method m) {
        StringBuilder sb = new StringBuilder(m.getName()).append('(');
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) sb.append(", ");
            if (m.isVarArgs() && i == types.length - 1) {
                sb.append(types[i].getComponentType().getSimpleName()).append("...");
            } else {
                sb.append(types[i].getSimpleName());
            }
        }
        return sb.append(')').toString();
    }

    private static boolean packageExists(String name) {
        // A star import of an absent package costs a failed class lookup per unresolved name.
        return Vocabulary.class.getClassLoader().getDefinedPackage(name) != null
                || Vocabulary.class.getClassLoader().getResource(name.replace('.', '/')) != null;
    }
}
