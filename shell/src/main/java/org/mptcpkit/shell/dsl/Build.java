package org.mptcpkit.shell.dsl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.Ip6Address;
import org.mptcpkit.packet.IpPayload;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;

/**
 * Named arguments onto the model's Java builders: {@code IP(dst:'10.0.0.1', ttl:3)} calls
 * {@code Ip4.builder().dst("10.0.0.1").ttl(3)}. Each key names a builder method (or an alias of
 * one, scapy's {@code sport}, {@code dport}, {@code win} ...); the value is converted to the
 * method's parameter type the way a user means it (a hex string or a list of numbers to
 * {@link Bytes}, a Groovy {@code BigInteger} literal such as {@code 0xdeadbeefcafebabe} to an
 * unsigned {@code long}, an address literal to an address). Any value the builder accepts may be
 * set, wrong lengths and checksums included: the record checks ranges, not consistency.
 *
 * <p>Errors are one sentence naming the word, the key and what was expected:
 * {@code TCP: unknown field 'dprt' (expected one of: ack, chksum, dport, ...)} or
 * {@code IP: ttl: String 'x' (expected: int)}.
 */
final class Build {
    private static final Object NO = new Object();

    private Build() {
    }

    /** Sets every key of {@code args} on {@code builder}; {@code aliases} maps DSL keys to builder methods. */
    static void apply(String word, Object builder, Map<String, ?> args, Map<String, String> aliases) {
        for (Map.Entry<String, ?> e : args.entrySet()) {
            String key = String.valueOf(e.getKey());
            set(word, builder, key, aliases.getOrDefault(key, key), e.getValue(), aliases);
        }
    }

    /** Sets one field: calls the builder's one-argument method {@code method} with the converted value. */
    static void set(String word, Object builder, String key, String method, Object value, Map<String, String> aliases) {
        List<Method> one = new ArrayList<>();
        Method none = null;
        for (Method m : builder.getClass().getMethods()) {
            if (!m.getName().equals(method) || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) continue;
            if (m.getParameterCount() == 1) one.add(m);
            if (m.getParameterCount() == 0) none = m;
        }
        if (one.isEmpty() && none == null) {
            throw new IllegalArgumentException(word + ": unknown field '" + key + "' (expected one of: "
                    + String.join(", ", keys(builder.getClass(), aliases)) + ")");
        }
        // Exact types first, so that dst(String) wins over dst(Ip4Address) for a string.
        one.sort((a, b) -> Boolean.compare(!a.getParameterTypes()[0].isInstance(value), !b.getParameterTypes()[0].isInstance(value)));
        for (Method m : one) {
            Object v;
            try {
                v = convert(value, m.getParameterTypes()[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(word + ": " + key + ": " + e.getMessage(), e);
            }
            if (v != NO) {
                invoke(word, key, m, builder, v);
                return;
            }
        }
        if (none != null && Boolean.TRUE.equals(value)) {
            invoke(word, key, none, builder);
            return;
        }
        List<String> expected = new ArrayList<>();
        for (Method m : one) expected.add(typeName(m.getParameterTypes()[0]));
        if (none != null) expected.add("true");
        throw new IllegalArgumentException(word + ": " + key + ": " + describe(value) + " (expected: " + String.join(" or ", expected) + ")");
    }

    /** Calls a static {@code builder()}, applies the arguments and builds. */
    static <T> T build(String word, Class<T> type, Map<String, ?> args, Map<String, String> aliases) {
        Object builder;
        try {
            builder = type.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no builder()", e);
        }
        apply(word, builder, args, aliases);
        return type.cast(finish(word, builder));
    }

    /** {@code builder.build()}, a range error prefixed with the word. */
    static Object finish(String word, Object builder) {
        try {
            return invoke(word, null, builder.getClass().getMethod("build"), builder);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(builder.getClass().getName() + " has no build()", e);
        }
    }

    private static Object invoke(String word, String key, Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof IllegalArgumentException iae) {
                String msg = String.valueOf(iae.getMessage());
                // Name the key the user wrote unless the model's message already names the field.
                boolean named = key == null || msg.startsWith(key + ":") || msg.startsWith(methodName(msg, target));
                throw new IllegalArgumentException(word + ": " + (named ? "" : key + ": ") + msg, iae);
            }
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(word + ": " + key + ": " + e.getMessage(), e);
        }
    }

    /** The builder method whose name starts {@code message} ("srcPort: 70000 ..."), or "" when none does. */
    private static String methodName(String message, Object target) {
        int colon = message.indexOf(':');
        if (colon <= 0) return "\u0000";
        String head = message.substring(0, colon);
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(head)) return head;
        }
        return "\u0000";
    }

    /** The keys a word's builder accepts: its one-argument methods and the aliases. */
    static List<String> keys(Class<?> builderType, Map<String, String> aliases) {
        TreeSet<String> names = new TreeSet<>(aliases.keySet());
        for (Method m : builderType.getMethods()) {
            if (m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class
                    && !m.getName().equals("equals")) {
                names.add(m.getName());
            }
        }
        return List.copyOf(names);
    }

    /** {@code value} as a {@code type}, or {@link #NO}. */
    static Object convert(Object value, Class<?> type) {
        if (value == null) return type.isPrimitive() ? NO : null;
        if (type == int.class || type == Integer.class) return integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, false);
        if (type == long.class || type == Long.class) return integral(value, Long.MIN_VALUE, Long.MAX_VALUE, true);
        if (type == boolean.class || type == Boolean.class) return value instanceof Boolean ? value : NO;
        if (type.isInstance(value)) return value;
        if (type == Bytes.class) return bytes(value);
        if (type == byte[].class) {
            Object b = bytes(value);
            return b == NO ? NO : ((Bytes) b).toByteArray();
        }
        if (type == String.class) return value instanceof CharSequence cs ? cs.toString() : NO;
        if (type == TcpFlags.class) {
            if (value instanceof CharSequence cs) return TcpFlags.parse(cs.toString());
            Object n = integral(value, 0, 0x1ff, false);
            return n == NO ? NO : TcpFlags.of((Integer) n);
        }
        if (type == Ip4Address.class && value instanceof CharSequence cs) return Ip4Address.parse(cs.toString());
        if (type == Ip6Address.class && value instanceof CharSequence cs) return Ip6Address.parse(cs.toString());
        if (type == InetAddress.class && value instanceof CharSequence cs) return InetAddress.ofLiteral(cs.toString());
        if (type == IpPayload.class) {
            if (value instanceof CharSequence cs) return RawPayload.of(Bytes.of(cs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Object b = bytes(value);
            return b == NO ? NO : RawPayload.of((Bytes) b);
        }
        if (type == int[].class && value instanceof Collection<?> c) {
            int[] a = new int[c.size()];
            int i = 0;
            for (Object o : c) {
                Object n = integral(o, Integer.MIN_VALUE, Integer.MAX_VALUE, false);
                if (n == NO) return NO;
                a[i++] = (Integer) n;
            }
            return a;
        }
        if (type == TcpOption[].class && value instanceof Collection<?> c) {
            for (Object o : c) if (!(o instanceof TcpOption)) return NO;
            return c.toArray(new TcpOption[0]);
        }
        if (type == List.class && value instanceof Collection<?> c) {
            List<Object> l = new ArrayList<>(c.size());
            for (Object o : c) l.add(o instanceof Number n && !(o instanceof Integer) && n.longValue() == n.intValue() ? n.intValue() : o);
            return l;
        }
        return NO;
    }

    private static Object integral(Object value, long min, long max, boolean unsigned64) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long v = ((Number) value).longValue();
            if (v < min || v > max) {
                // An unsigned 32-bit value (0xffffffff) into an int field: let the record's range check speak.
                return NO;
            }
            return max == Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
        }
        if (value instanceof BigInteger b && unsigned64 && b.signum() >= 0 && b.bitLength() <= 64) {
            // Groovy makes 0xdeadbeefcafebabe a BigInteger: a key is 64 bits, written unsigned.
            return b.longValue();
        }
        if (value instanceof Character ch && max == Integer.MAX_VALUE) return (int) ch;
        return NO;
    }

    /** Bytes from {@link Bytes}, {@code byte[]}, hex digits or a list of numbers 0..255. */
    static Object bytes(Object value) {
        if (value instanceof Bytes b) return b;
        if (value instanceof byte[] a) return Bytes.of(a.clone());
        if (value instanceof CharSequence cs) {
            try {
                return Bytes.fromHex(cs);
            } catch (IllegalArgumentException e) {
                return NO;
            }
        }
        if (value instanceof Collection<?> c) {
            byte[] a = new byte[c.size()];
            int i = 0;
            for (Object o : c) {
                if (!(o instanceof Number n) || n.intValue() < -128 || n.intValue() > 255) return NO;
                a[i++] = (byte) n.intValue();
            }
            return Bytes.wrap(a);
        }
        return NO;
    }

    static String describe(Object value) {
        if (value == null) return "null";
        String s = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
        if (s.length() > 40) s = s.substring(0, 37) + "...";
        return value.getClass().getSimpleName() + " " + s;
    }

    static String typeName(Class<?> t) {
        if (t == Bytes.class) return "Bytes (or hex string, byte list)";
        if (t == TcpFlags.class) return "flags like 'SA'";
        if (t == Ip4Address.class || t == Ip6Address.class || t == InetAddress.class) return "address string";
        if (t == IpPayload.class) return "payload";
        return t.getSimpleName();
    }

    /** A map literal in order: {@code aliases("sport", "srcPort", "dport", "dstPort")}. */
    static Map<String, String> aliases(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return Map.copyOf(m);
    }
}
