package org.mptcpkit.drill.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The system calls a script may make, with their argument counts, as in packetdrill's
 * {@code run_system_call.c} dispatch table (the fork's is the same). The drill parser rejects
 * anything else at parse time.
 */
public final class Syscalls {
    private static final Map<String, int[]> ARITY = new LinkedHashMap<>();

    static {
        put("socket", 3);
        put("bind", 3);
        put("listen", 2);
        put("accept", 3);
        put("connect", 3);
        put("read", 3);
        put("readv", 3);
        put("recv", 4);
        put("recvfrom", 6);
        put("recvmsg", 3);
        put("write", 3);
        put("writev", 3);
        put("send", 4);
        put("sendto", 6);
        put("sendmsg", 3);
        put("fcntl", 2, 3);
        put("ioctl", 2, 3);
        put("close", 1);
        put("shutdown", 2);
        put("getsockopt", 5);
        put("setsockopt", 5);
        put("poll", 3);
        put("cap_set", 3);
        put("open", 2);
        put("sendfile", 4);
        put("epoll_create", 1);
        put("epoll_ctl", 4);
        put("epoll_wait", 4);
        put("pipe", 1);
        put("splice", 6);
    }

    private Syscalls() {
    }

    private static void put(String name, int... counts) {
        ARITY.put(name, counts);
    }

    /** The supported names, in packetdrill's table order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(ARITY.keySet());
    }

    public static boolean isSupported(String name) {
        return ARITY.containsKey(name);
    }

    /** True when {@code name} takes {@code count} arguments. */
    public static boolean acceptsArgumentCount(String name, int count) {
        int[] counts = ARITY.get(name);
        if (counts == null) return false;
        for (int c : counts) {
            if (c == count) return true;
        }
        return false;
    }

    /** {@code 3} or {@code 2 or 3}, for messages. */
    public static String describeArgumentCount(String name) {
        int[] counts = ARITY.get(name);
        if (counts == null) return "?";
        return counts.length == 1 ? Integer.toString(counts[0]) : counts[0] + " or " + counts[1];
    }
}
