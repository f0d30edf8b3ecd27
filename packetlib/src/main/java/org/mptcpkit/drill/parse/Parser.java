package org.mptcpkit.drill.parse;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.mptcpkit.drill.ScriptException;
import org.mptcpkit.drill.ast.AddAddrHmac;
import org.mptcpkit.drill.ast.Action;
import org.mptcpkit.drill.ast.CodeEvent;
import org.mptcpkit.drill.ast.CommandEvent;
import org.mptcpkit.drill.ast.Direction;
import org.mptcpkit.drill.ast.DssChecksum;
import org.mptcpkit.drill.ast.DssNumber;
import org.mptcpkit.drill.ast.DssValue;
import org.mptcpkit.drill.ast.Endpoint;
import org.mptcpkit.drill.ast.Event;
import org.mptcpkit.drill.ast.EventTime;
import org.mptcpkit.drill.ast.Expr;
import org.mptcpkit.drill.ast.GreHeader;
import org.mptcpkit.drill.ast.HashAlgorithm;
import org.mptcpkit.drill.ast.HmacSpec;
import org.mptcpkit.drill.ast.IpInfo;
import org.mptcpkit.drill.ast.IpVersion;
import org.mptcpkit.drill.ast.KeyVar;
import org.mptcpkit.drill.ast.MplsEntry;
import org.mptcpkit.drill.ast.OptionLengths;
import org.mptcpkit.drill.ast.OuterHeader;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Position;
import org.mptcpkit.drill.ast.Script;
import org.mptcpkit.drill.ast.ScriptOption;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.ast.ShellCommand;
import org.mptcpkit.drill.ast.SyscallEvent;
import org.mptcpkit.drill.ast.Syscalls;
import org.mptcpkit.drill.ast.TcpFlags;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.TcpOptions;
import org.mptcpkit.drill.ast.TokenSpec;
import org.mptcpkit.drill.ast.Tuple;
import org.mptcpkit.drill.lex.Keyword;
import org.mptcpkit.drill.lex.Lexer;
import org.mptcpkit.drill.lex.Token;
import org.mptcpkit.drill.lex.TokenKind;
import org.mptcpkit.packet.Bytes;

/**
 * The recursive-descent parser for the MPTCP packetdrill fork's language ({@code parser.y}),
 * producing a {@link Script}.
 *
 * <pre>
 * script  : option* [`init`] event+ [`cleanup`]
 * event   : time action
 * time    : [+]T | * | T~T | +T~+T          then, for a blocking system call, ...END
 * action  : packet | syscall | `command` | %{ code }%
 * </pre>
 *
 * <p>Errors are {@link ScriptException}s at the offending token, saying what was expected
 * ({@code expected 'win' or TCP options but found 'nop'}) instead of bison's
 * {@code syntax error}. The fork's semantic checks run at parse time with its wording
 * ({@code window must be specified for inbound packets}, {@code Invalid TCP flag: 'X'},
 * {@code TCP options are not padded correctly ...}, {@code time range is backwards}, ...).
 * Checks packetdrill only makes while running are made here, because the script alone decides
 * them: an unknown system call or a wrong argument count, a first event not at time 0, and an
 * absolute time earlier than the absolute time just before it.
 *
 * <p>A parser reads one script; there is no global state, so scripts parse concurrently.
 */
public final class Parser {

    /**
     * What the command line contributes to parsing.
     *
     * @param defines   {@code -D} symbols, before the script's own {@code --define} options
     * @param ipVersion {@code --ip_version} from the command line, which overrides the script's
     */
    public record Settings(Map<String, String> defines, Optional<IpVersion> ipVersion) {
        public static final Settings DEFAULT = new Settings(Map.of(), Optional.empty());

        public Settings {
            defines = Map.copyOf(defines);
            Objects.requireNonNull(ipVersion, "ipVersion");
        }
    }

    private static final long U8 = 0xffL, U16 = 0xffffL, U20 = 0xfffffL, U32 = 0xffff_ffffL;
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger S64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final int MAX_COOKIE_BYTES = 16;
    private static final int MAX_MD5_BYTES = 16;

    private static final String TCP_OPTION_NAMES = "nop, eol, mss, wscale, sackOK, sack, TS, md5, FO, FOEXP, "
            + "mpcapable, mp_capable, mp_capable_no_cs, mp_join_syn, mp_join_syn_ack, mp_join_ack, dss, "
            + "add_address, remove_address, mp_prio, mp_fail, mp_fastclose, mp_reset";

    private final String file;
    private final Lexer lexer;
    private final Settings settings;
    private final List<Token> lookahead = new ArrayList<>();
    private IpVersion ipVersion = IpVersion.IPV4;

    private Parser(String file, CharSequence source, Settings settings) {
        this.file = file;
        this.settings = settings;
        this.lexer = new Lexer(file, source, settings.defines());
    }

    /** Parses {@code source} with no {@code -D} symbols. */
    public static Script parse(String file, CharSequence source) {
        return parse(file, source, Settings.DEFAULT);
    }

    /**
     * Parses {@code source}.
     *
     * @param file the name used in positions and errors
     * @throws ScriptException on the first lexical, syntax or semantic error
     */
    public static Script parse(String file, CharSequence source, Settings settings) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
        return new Parser(file, source, settings).script();
    }

    /** Reads and parses a script file with no {@code -D} symbols; see {@link #parse(Path, Settings)}. */
    public static Script parse(Path path) throws IOException {
        return parse(path, Settings.DEFAULT);
    }

    /**
     * Reads and parses a script file; the path as given names it in errors. Bytes that are not
     * UTF-8 become U+FFFD, which then fail to lex as anything but an unexpected character.
     *
     * @throws IOException     when the file cannot be read
     * @throws ScriptException on the first error in it
     */
    public static Script parse(Path path, Settings settings) throws IOException {
        String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        return parse(path.toString(), text, settings);
    }

    // ------------------------------------------------------------------ tokens

    private Token la(int k) {
        while (lookahead.size() <= k) lookahead.add(lexer.next());
        return lookahead.get(k);
    }

    private Token peek() {
        return la(0);
    }

    private Token next() {
        Token t = la(0);
        lookahead.remove(0);
        return t;
    }

    private boolean atPunct(char c) {
        return peek().isPunct(c);
    }

    private boolean at(Keyword k) {
        return peek().is(k);
    }

    private boolean at(TokenKind k) {
        return peek().is(k);
    }

    private Token expectPunct(char c, String what) {
        if (!atPunct(c)) throw expected(what);
        return next();
    }

    private Token expect(Keyword k, String what) {
        if (!at(k)) throw expected(what);
        return next();
    }

    private Token expect(TokenKind k, String what) {
        if (!at(k)) throw expected(what);
        return next();
    }

    /** A WORD used as a name; a reserved word there gets a message saying so. */
    private Token expectName(String what) {
        if (at(TokenKind.KEYWORD)) {
            throw error(peek(), "expected " + what + " but found " + peek().describe()
                    + ", which is a reserved word and cannot be used as a name");
        }
        return expect(TokenKind.WORD, what);
    }

    private ScriptException expected(String what) {
        return error(peek(), "expected " + what + " but found " + peek().describe());
    }

    private ScriptException error(Token at, String message) {
        return new ScriptException(file, at.line(), at.column(), message);
    }

    private Position position(Token t) {
        return new Position(file, t.line(), t.column());
    }

    // ------------------------------------------------------------------ script

    private Script script() {
        List<ScriptOption> options = options();
        ipVersion = settings.ipVersion().orElse(ipVersion);

        Optional<ShellCommand> init = Optional.empty();
        if (at(TokenKind.BACK_QUOTED)) {
            Token t = next();
            init = Optional.of(new ShellCommand(t.value(), position(t)));
        }
        if (!startsEvent(peek())) throw noEventHere("an event (a time such as 0, +0.1 or *, then a packet, "
                + "a system call, a `command` or a %{ code }% block)");
        List<Event> events = new ArrayList<>();
        while (startsEvent(peek())) events.add(event());

        Optional<ShellCommand> cleanup = Optional.empty();
        if (at(TokenKind.BACK_QUOTED)) {
            Token t = next();
            cleanup = Optional.of(new ShellCommand(t.value(), position(t)));
            if (!at(TokenKind.EOF)) {
                throw error(peek(), "the cleanup command (a `command` with no time) must be the last thing "
                        + "in the script, but " + peek().describe() + " follows it");
            }
        }
        if (!at(TokenKind.EOF)) throw noEventHere("an event time (such as 0, +0.1 or *) or the end of the script");
        checkTimeline(events);
        return new Script(file, options, init, events, cleanup);
    }

    private static boolean startsEvent(Token t) {
        return t.isPunct('+') || t.isPunct('*') || t.is(TokenKind.INTEGER) || t.is(TokenKind.FLOAT);
    }

    /** A precise message for the usual mistakes where an event should start. */
    private ScriptException noEventHere(String what) {
        Token t = peek();
        if (t.is(TokenKind.OPTION)) {
            return error(t, "option --" + t.value() + " must come before the first event");
        }
        if ((t.is(TokenKind.WORD) || t.is(TokenKind.KEYWORD)) && la(1).isPunct('(')) {
            return error(t, "system call " + t.value() + "() has no time: write e.g. '+0 " + t.value() + "(...)'");
        }
        if (t.isPunct('<') || t.isPunct('>')) {
            return error(t, "packet line has no time: write e.g. '+0 " + t.value() + " ...'");
        }
        if (t.is(TokenKind.CODE)) return error(t, "code block has no time: write e.g. '+0 %{ ... }%'");
        return expected(what);
    }

    private List<ScriptOption> options() {
        List<ScriptOption> options = new ArrayList<>();
        while (at(TokenKind.OPTION)) {
            Token t = next();
            String name = t.value();
            String value = null;
            if (atPunct('=')) {
                next();
                value = optionValue();
            }
            String problem = PacketdrillOptions.check(name, value);
            if (problem != null) throw error(t, problem);
            if (name.equals("define")) {
                int eq = value.indexOf('=');
                lexer.define(value.substring(0, eq), value.substring(eq + 1));
            } else if (name.equals("ip_version")) {
                ipVersion = IpVersion.of(value);
            }
            options.add(new ScriptOption(name, Optional.ofNullable(value), position(t)));
        }
        return options;
    }

    private String optionValue() {
        Token t = peek();
        switch (t.kind()) {
            case INTEGER, HEX_INTEGER, FLOAT -> {
                next();
                return t.value();
            }
            case STRING -> {
                next();
                return t.value();
            }
            case IPV4_ADDR, IPV6_ADDR -> {
                next();
                // Lenient: a /prefix as on the command line (--remote_ip=192.0.2.1/24); the fork's
                // script grammar stops at the address
                if (atPunct('/') && la(1).is(TokenKind.INTEGER)) {
                    next();
                    return t.value() + "/" + next().value();
                }
                return t.value();
            }
            case KEYWORD -> {
                if (t.is(Keyword.IPV4) || t.is(Keyword.IPV6)) {
                    next();
                    // Lenient: ipv4-mapped-ipv6 as on the command line; the fork's script grammar
                    // has no way to write it
                    if (t.is(Keyword.IPV4) && atPunct('-') && la(1).is(TokenKind.WORD) && la(1).value().equals("mapped")
                            && la(2).isPunct('-') && la(3).is(Keyword.IPV6)) {
                        next();
                        next();
                        next();
                        next();
                        return "ipv4-mapped-ipv6";
                    }
                    return t.value();
                }
                throw expected("an option value (a number, word, \"string\" or address)");
            }
            case WORD -> {
                next();
                if (!atPunct('=')) return t.value();
                next();
                Token v = peek();
                return switch (v.kind()) {
                    case WORD -> t.value() + "=" + next().value();
                    case STRING -> t.value() + "=\"" + next().value() + "\"";
                    case BACK_QUOTED -> t.value() + "=`" + next().value() + "`";
                    case INTEGER, HEX_INTEGER, FLOAT -> t.value() + "=" + next().value();
                    default -> throw expected("a value after '" + t.value() + "='");
                };
            }
            default -> throw expected("an option value (a number, word, \"string\" or address)");
        }
    }

    // ------------------------------------------------------------------ events and times

    private Event event() {
        Token first = peek();
        EventTime time;
        if (atPunct('*')) {
            next();
            time = new EventTime.Any();
        } else if (atPunct('+')) {
            next();
            long start = time();
            if (atPunct('~')) {
                next();
                expectPunct('+', "'+' (a relative range is written +START~+END)");
                long end = time();
                if (end < start) throw error(first, "time range is backwards");
                time = new EventTime.RelativeRange(start, end);
            } else {
                time = new EventTime.Relative(start);
            }
        } else {
            long start = time();
            if (atPunct('~')) {
                next();
                long end = time();
                if (end < start) throw error(first, "time range is backwards");
                time = new EventTime.AbsoluteRange(start, end);
            } else {
                time = new EventTime.Absolute(start);
            }
        }

        boolean blocking = false;
        if (at(TokenKind.ELLIPSIS)) {
            next();
            Token endToken = peek();
            long end = time();
            blocking = true;
            if (time instanceof EventTime.Point p) {
                if (end < p.micros()) throw error(first, "time range is backwards");
                time = new EventTime.Blocking(p, end);
            } else if (time instanceof EventTime.Any) {
                throw error(first, "event time <star> can only be used with outbound packets");
            } else {
                throw error(first, "event time range can only be used with outbound packets");
            }
            if (!(at(TokenKind.WORD) || at(TokenKind.KEYWORD))) {
                throw error(peek(), "expected a system call after '..." + endToken.text() + "' but found "
                        + peek().describe() + " (only a system call can block)");
            }
        }

        Action action = action(blocking);
        boolean outboundPacket = action instanceof PacketEvent p && p.outbound();
        if (time instanceof EventTime.Any && !outboundPacket) {
            throw error(first, "event time <star> can only be used with outbound packets");
        }
        if ((time instanceof EventTime.AbsoluteRange || time instanceof EventTime.RelativeRange) && !outboundPacket) {
            throw error(first, "event time range can only be used with outbound packets");
        }
        return new Event(time, action, position(first));
    }

    /** A time in seconds: FLOAT or INTEGER, never negative, truncated to microseconds. */
    private long time() {
        Token t = peek();
        BigDecimal seconds;
        if (t.is(TokenKind.INTEGER)) {
            seconds = new BigDecimal(t.number());
        } else if (t.is(TokenKind.FLOAT)) {
            seconds = new BigDecimal(t.value());
        } else {
            throw expected("a time in seconds (such as 0, 1.5 or .25)");
        }
        next();
        if (seconds.signum() < 0) throw error(t, "negative time");
        BigInteger micros = seconds.movePointRight(6).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        if (micros.bitLength() > 62) throw error(t, "time " + t.text() + " out of range");
        return micros.longValue();
    }

    private Action action(boolean blocking) {
        Token t = peek();
        if (!blocking && (t.isPunct('<') || t.isPunct('>'))) return packet();
        if (!blocking && t.is(TokenKind.BACK_QUOTED)) return new CommandEvent(next().value());
        if (!blocking && t.is(TokenKind.CODE)) return new CodeEvent(next().value());
        if (t.is(TokenKind.WORD) || (t.is(TokenKind.KEYWORD) && la(1).isPunct('('))) return syscall();
        throw expected("a packet ('<' or '>'), a system call, a `command` or a %{ code }% block after the event time");
    }

    /**
     * Two checks packetdrill makes in {@code run.c get_next_event()} while running, although the
     * script alone decides them: the first event's script time is 0 ({@code +0.5} as first event
     * fails too), and when an event and the one before it both have absolute times, the time does
     * not go backward. Same rules, same messages, reported before anything runs.
     */
    private void checkTimeline(List<Event> events) {
        Event first = events.getFirst();
        long start = startMicros(first.time());
        if (start != 0) {
            throw new ScriptException(file, first.position().line(), first.position().column(),
                    "first event should be at time 0");
        }
        for (int i = 1; i < events.size(); i++) {
            EventTime prev = events.get(i - 1).time();
            EventTime cur = events.get(i).time();
            if (isAbsolute(prev) && isAbsolute(cur) && startMicros(cur) < startMicros(prev)) {
                Position p = events.get(i).position();
                throw new ScriptException(file, p.line(), p.column(), "time goes backward in script from "
                        + startMicros(prev) + " usec to " + startMicros(cur) + " usec");
            }
        }
    }

    private static boolean isAbsolute(EventTime t) {
        return t instanceof EventTime.Absolute || t instanceof EventTime.AbsoluteRange
                || (t instanceof EventTime.Blocking b && b.start() instanceof EventTime.Absolute);
    }

    private static long startMicros(EventTime t) {
        return switch (t) {
            case EventTime.Absolute a -> a.micros();
            case EventTime.Relative r -> r.micros();
            case EventTime.Any a -> 0;
            case EventTime.AbsoluteRange r -> r.startMicros();
            case EventTime.RelativeRange r -> r.startMicros();
            case EventTime.Blocking b -> b.start().micros();
        };
    }

    // ------------------------------------------------------------------ system calls

    private SyscallEvent syscall() {
        Token nameToken = next();
        String name = nameToken.value();
        if (!Syscalls.isSupported(name)) {
            throw error(nameToken, "unknown system call '" + name + "' (supported: "
                    + String.join(", ", Syscalls.names()) + ")");
        }
        expectPunct('(', "'(' after the system call name " + name);
        List<Expr> args = new ArrayList<>();
        if (!atPunct(')')) {
            args.add(expression());
            while (atPunct(',')) {
                next();
                args.add(expression());
            }
        }
        expectPunct(')', "',' or ')' in the arguments of " + name + "()");
        if (!Syscalls.acceptsArgumentCount(name, args.size())) {
            throw error(nameToken, name + "() expects " + Syscalls.describeArgumentCount(name)
                    + " arguments but got " + args.size());
        }
        expectPunct('=', "'=' and the expected result after " + name + "(...)");
        Expr result = expression();
        Optional<SyscallEvent.Errno> errno = Optional.empty();
        if (at(TokenKind.WORD)) {
            Token e = next();
            if (!atPunct('(')) {
                throw error(e, "errno " + e.value() + " needs a description in parentheses after it, such as "
                        + "(Operation now in progress)");
            }
            errno = Optional.of(new SyscallEvent.Errno(e.value(), note()));
        } else if (at(TokenKind.KEYWORD) && la(1).isPunct('(')) {
            throw error(peek(), "'" + peek().text() + "' is a reserved word and cannot be an errno name");
        }
        Optional<String> note = Optional.empty();
        if (atPunct('(')) note = Optional.of(note());
        return new SyscallEvent(name, args, result, errno, note);
    }

    /** {@code ( WORD... )}; the first word may be {@code flags}, as in the fork's grammar. */
    private String note() {
        expectPunct('(', "'('");
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        while (!atPunct(')')) {
            Token w = peek();
            if (w.is(TokenKind.WORD) || (first && w.is(Keyword.FLAGS))) {
                next();
                if (!first) sb.append(' ');
                sb.append(w.value());
                first = false;
            } else if (w.is(TokenKind.KEYWORD)) {
                throw error(w, "'" + w.text() + "' is a reserved word: packetdrill only allows plain words "
                        + "in the parenthesized note of a system call");
            } else {
                throw expected("a plain word or ')' in the parenthesized note");
            }
        }
        if (first) throw error(peek(), "empty note: the parentheses need at least one word");
        next();
        return sb.toString();
    }

    // ------------------------------------------------------------------ expressions

    private Expr expression() {
        Expr e = primary();
        if (atPunct('|')) {
            next();
            return new Expr.Or(e, expression());
        }
        return e;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case ELLIPSIS -> {
                next();
                return new Expr.Ellipsis();
            }
            case INTEGER, HEX_INTEGER -> {
                next();
                return new Expr.IntLit(s64OrU64(t, "integer " + t.text() + " out of range (64 bits)"),
                        t.is(TokenKind.HEX_INTEGER));
            }
            case WORD -> {
                next();
                if (atPunct('=')) {
                    next();
                    return new Expr.Assign(t.value(), expression());
                }
                return new Expr.Symbol(t.value());
            }
            case STRING -> {
                StringBuilder sb = new StringBuilder();
                while (at(TokenKind.STRING)) sb.append(next().value());
                boolean prefix = false;
                if (at(TokenKind.ELLIPSIS)) {
                    next();
                    prefix = true;
                }
                return new Expr.StringLit(sb.toString(), prefix);
            }
            case KEYWORD -> {
                if (t.is(Keyword.INET_ADDR)) return new Expr.InetAddr(inetAddr().getHostAddress());
                if (t.is(Keyword.INET6_ADDR)) {
                    next();
                    expectPunct('(', "'(' after inet6_addr");
                    Token s = expect(TokenKind.STRING, "a quoted IPv6 address");
                    expectPunct(')', "')'");
                    if (parseIpv6(s.value()) == null) throw error(s, "cannot parse in6_addr '" + s.value() + "'");
                    return new Expr.Inet6Addr(s.value());
                }
                throw error(t, "'" + t.text() + "' is a reserved word and cannot be used as a symbol here");
            }
            case PUNCT -> {
                if (t.isPunct('[')) return list();
                if (t.isPunct('{')) return brace();
                throw expected("an expression");
            }
            default -> throw expected("an expression");
        }
    }

    private Expr.ListExpr list() {
        expectPunct('[', "'['");
        List<Expr> items = new ArrayList<>();
        if (!atPunct(']')) {
            items.add(expression());
            while (atPunct(',')) {
                next();
                items.add(expression());
            }
        }
        expectPunct(']', "',' or ']'");
        return new Expr.ListExpr(items);
    }

    private Inet4Address inetAddr() {
        expect(Keyword.INET_ADDR, "inet_addr");
        expectPunct('(', "'(' after inet_addr");
        Token s = expect(TokenKind.STRING, "a quoted IPv4 address");
        expectPunct(')', "')'");
        Inet4Address a = parseIpv4(s.value());
        if (a == null) throw error(s, "bad IPv4 address: \"" + s.value() + "\"");
        return a;
    }

    /** The brace forms, told apart by their first field as bison does. */
    private Expr brace() {
        Token open = expectPunct('{', "'{'");
        Token t = peek();
        if (t.is(Keyword.SA_FAMILY)) return sockaddr();
        if (t.is(Keyword.MSG_NAME)) return msghdr();
        if (t.is(Keyword.FD)) {
            Expr fd = field(Keyword.FD);
            expectPunct(',', "',' and events= in a pollfd");
            Expr events = field(Keyword.EVENTS);
            Optional<Expr> revents = Optional.empty();
            if (atPunct(',')) {
                next();
                revents = Optional.of(field(Keyword.REVENTS));
            }
            expectPunct('}', "'}' or ', revents=...' closing the pollfd");
            return new Expr.Pollfd(fd, events, revents);
        }
        if (t.is(Keyword.EVENTS)) {
            Expr events = field(Keyword.EVENTS);
            expectPunct(',', "',' in an epoll_event");
            Token m = peek();
            Expr.EpollData member;
            if (m.is(Keyword.FD)) member = Expr.EpollData.FD;
            else if (m.is(Keyword.PTR)) member = Expr.EpollData.PTR;
            else if (m.is(Keyword.U32)) member = Expr.EpollData.U32;
            else if (m.is(Keyword.U64)) member = Expr.EpollData.U64;
            else throw expected("fd=, ptr=, u32= or u64= in an epoll_event");
            next();
            expectPunct('=', "'='");
            Expr data = expression();
            expectPunct('}', "'}' closing the epoll_event");
            return new Expr.EpollEvent(events, member, data);
        }
        if (t.is(Keyword.ONOFF)) {
            next();
            expectPunct('=', "'=' after onoff");
            long onoff = s64(expect(TokenKind.INTEGER, "an integer"));
            expectPunct(',', "',' and linger=");
            expect(Keyword.LINGER, "linger=");
            expectPunct('=', "'=' after linger");
            long linger = s64(expect(TokenKind.INTEGER, "an integer"));
            expectPunct('}', "'}' closing the linger");
            return new Expr.Linger(onoff, linger);
        }
        if (t.is(Keyword.CMSG_LEVEL)) {
            Expr level = field(Keyword.CMSG_LEVEL);
            expectPunct(',', "',' and cmsg_type=");
            Expr type = field(Keyword.CMSG_TYPE);
            expectPunct(',', "',' and cmsg_data=");
            Expr data = field(Keyword.CMSG_DATA);
            expectPunct('}', "'}' closing the cmsg");
            return new Expr.Cmsg(level, type, data);
        }
        if (t.is(Keyword.SCM_SEC)) {
            next();
            expectPunct('=', "'=' after scm_sec");
            long sec = s64(expect(TokenKind.INTEGER, "an integer"));
            expectPunct(',', "',' and scm_nsec=");
            expect(Keyword.SCM_NSEC, "scm_nsec=");
            expectPunct('=', "'=' after scm_nsec");
            long nsec = s64(expect(TokenKind.INTEGER, "an integer"));
            expectPunct('}', "'}'");
            return new Expr.ScmTimestamping(sec, nsec);
        }
        if (t.is(Keyword.EE_ERRNO)) {
            Expr errno = field(Keyword.EE_ERRNO);
            Expr[] rest = new Expr[5];
            Keyword[] names = {Keyword.EE_ORIGIN, Keyword.EE_TYPE, Keyword.EE_CODE, Keyword.EE_INFO, Keyword.EE_DATA};
            for (int i = 0; i < names.length; i++) {
                expectPunct(',', "',' and " + names[i].spelling() + "=");
                rest[i] = field(names[i]);
            }
            expectPunct('}', "'}' closing the sock_extended_err");
            return new Expr.SockExtendedErr(errno, rest[0], rest[1], rest[2], rest[3], rest[4]);
        }
        if (t.is(Keyword.FLAGS)) {
            GreHeader h = greHeader();
            expectPunct('}', "'}' closing the GRE header");
            return new Expr.GreExpr(h);
        }
        if (t.isPunct('}') || t.isPunct('(')) {
            List<MplsEntry> stack = new ArrayList<>();
            while (atPunct('(')) stack.add(mplsEntry());
            expectPunct('}', "'}' or another (label ...) entry closing the MPLS stack");
            return new Expr.MplsExpr(stack);
        }
        if (t.is(TokenKind.ELLIPSIS) && la(1).isPunct(',') && la(2).is(TokenKind.INTEGER) && la(3).isPunct('}')) {
            next();
            next();
            long len = s64(next());
            next();
            if (len < 0) throw error(t, "negative iovec length");
            return new Expr.Iovec(len);
        }
        List<Expr> items = new ArrayList<>();
        items.add(expression());
        while (atPunct(',')) {
            next();
            items.add(expression());
        }
        if (!atPunct('}')) throw expected("',' or '}' closing the '{' at " + open.line() + ":" + open.column());
        next();
        return new Expr.StructExpr(items);
    }

    private Expr field(Keyword k) {
        expect(k, k.spelling() + "=");
        expectPunct('=', "'=' after " + k.spelling());
        return expression();
    }

    private Expr sockaddr() {
        expect(Keyword.SA_FAMILY, "sa_family=");
        expectPunct('=', "'=' after sa_family");
        Token fam = expect(TokenKind.WORD, "AF_INET or AF_INET6");
        boolean v6;
        if (fam.value().equals("AF_INET")) v6 = false;
        else if (fam.value().equals("AF_INET6")) v6 = true;
        else throw error(fam, "unsupported sa_family '" + fam.value() + "' (expected AF_INET or AF_INET6)");
        expectPunct(',', "',' and sin_port=");
        expect(Keyword.SIN_PORT, "sin_port=htons(PORT)");
        expectPunct('=', "'=' after sin_port");
        expect(Keyword.HTONS, "htons(PORT)");
        expectPunct('(', "'(' after htons");
        int port = (int) unsigned(expect(TokenKind.INTEGER, "a port number"), U16, "port out of range");
        expectPunct(')', "')'");
        expectPunct(',', "',' and sin_addr=");
        expect(Keyword.SIN_ADDR, "sin_addr=inet_addr(\"...\")");
        expectPunct('=', "'=' after sin_addr");
        // Lenient: inet6_addr("...") for AF_INET6; the fork's grammar takes inet_addr in both cases
        if (!at(Keyword.INET_ADDR) && !at(Keyword.INET6_ADDR)) throw expected("inet_addr(\"...\")");
        next();
        expectPunct('(', "'('");
        Token s = expect(TokenKind.STRING, "a quoted address");
        expectPunct(')', "')'");
        expectPunct('}', "'}' closing the sockaddr");
        if (v6 ? parseIpv6(s.value()) == null : parseIpv4(s.value()) == null) {
            throw error(s, v6 ? "invalid IPv6 address" : "invalid IPv4 address");
        }
        return new Expr.Sockaddr(fam.value(), port, s.value());
    }

    private Expr msghdr() {
        expect(Keyword.MSG_NAME, "msg_name");
        expectPunct('(', "'(' after msg_name");
        expect(TokenKind.ELLIPSIS, "'...' (msg_name(...)=...)");
        expectPunct(')', "')'");
        expectPunct('=', "'='");
        expect(TokenKind.ELLIPSIS, "'...' (msg_name(...)=...)");
        expectPunct(',', "',' and msg_iov(N)=[...]");
        expect(Keyword.MSG_IOV, "msg_iov(N)=[...]");
        expectPunct('(', "'(' after msg_iov");
        long iovLen = s64(expect(TokenKind.INTEGER, "the iovec count"));
        expectPunct(')', "')'");
        expectPunct('=', "'='");
        if (!atPunct('[')) throw expected("'[' starting the iovec array");
        Expr.ListExpr iov = list();
        expectPunct(',', "',' and msg_flags=");
        expect(Keyword.MSG_FLAGS, "msg_flags=");
        expectPunct('=', "'=' after msg_flags");
        Expr flags = expression();
        Optional<Expr.ListExpr> control = Optional.empty();
        if (atPunct(',')) {
            next();
            expect(Keyword.MSG_CONTROL, "msg_control=[...]");
            expectPunct('=', "'=' after msg_control");
            if (!atPunct('[')) throw expected("'[' starting the msg_control array");
            control = Optional.of(list());
        }
        expectPunct('}', "'}' closing the msghdr");
        return new Expr.Msghdr(iovLen, iov, flags, control);
    }

    // ------------------------------------------------------------------ packets

    private PacketEvent packet() {
        Token dirToken = next();
        Direction direction = dirToken.isPunct('<') ? Direction.INBOUND : Direction.OUTBOUND;
        List<OuterHeader> outer = new ArrayList<>();
        while (true) {
            if (at(Keyword.IPV4)) {
                next();
                IpInfo info = optIpInfo();
                Inet4Address src = ipv4Token(expect(TokenKind.IPV4_ADDR, "an IPv4 source address"));
                expectPunct('>', "'>' between the IPv4 addresses");
                Inet4Address dst = ipv4Token(expect(TokenKind.IPV4_ADDR, "an IPv4 destination address"));
                expectPunct(':', "':' after the outer IPv4 header");
                outer.add(new OuterHeader.Ipv4(src, dst, info));
            } else if (at(Keyword.IPV6)) {
                next();
                IpInfo info = optIpInfo();
                Inet6Address src = ipv6Token(expect(TokenKind.IPV6_ADDR, "an IPv6 source address"));
                expectPunct('>', "'>' between the IPv6 addresses");
                Inet6Address dst = ipv6Token(expect(TokenKind.IPV6_ADDR, "an IPv6 destination address"));
                expectPunct(':', "':' after the outer IPv6 header");
                outer.add(new OuterHeader.Ipv6(src, dst, info));
            } else if (at(Keyword.GRE)) {
                next();
                Optional<GreHeader> h = Optional.empty();
                if (!atPunct(':')) {
                    if (atPunct(',')) next();
                    h = Optional.of(greHeader());
                }
                expectPunct(':', "':' after the GRE header");
                outer.add(new OuterHeader.Gre(h));
            } else if (at(Keyword.MPLS)) {
                next();
                List<MplsEntry> stack = new ArrayList<>();
                while (atPunct('(')) stack.add(mplsEntry());
                expectPunct(':', "':' or another (label ...) entry after the MPLS stack");
                outer.add(new OuterHeader.Mpls(stack));
            } else {
                break;
            }
        }
        Token infoToken = peek();
        IpInfo info = optIpInfo();
        boolean ecnCheck = info.tos().orElse(null) instanceof IpInfo.TosSpec.Ecn e && e.check() != IpInfo.EcnCheck.ECT01;
        boolean ect01 = info.tos().orElse(null) instanceof IpInfo.TosSpec.Ecn e && e.check() == IpInfo.EcnCheck.ECT01;
        Segment segment;
        if (at(Keyword.UDP)) {
            next();
            Tuple tuple = optTuple();
            expectPunct('(', "'(' and the UDP payload length");
            Token len = expect(TokenKind.INTEGER, "the UDP payload length");
            expectPunct(')', "')'");
            if (ecnCheck) throw error(infoToken, "ECN can only be used with TCP packets");
            segment = new Segment.Udp(tuple, (int) unsigned(len, U16, "UDP payload size out of range"));
        } else if (at(Keyword.ICMP)) {
            next();
            if (ect01 && direction == Direction.INBOUND) {
                throw error(infoToken, "[ect01] can only be used with outbound packets");
            }
            segment = icmp();
        } else {
            segment = tcp(direction, dirToken, infoToken, ect01);
        }
        return new PacketEvent(direction, outer, info, segment);
    }

    private Segment.Tcp tcp(Direction direction, Token dirToken, Token infoToken, boolean ect01) {
        Tuple tuple = optTuple();

        Token flagsToken = peek();
        String flags;
        if (at(TokenKind.WORD)) {
            flags = next().value();
            if (atPunct('.')) flags += next().value();
            else if (at(TokenKind.FLOAT)) flags += next().value();
        } else if (atPunct('.')) {
            flags = next().value();
        } else if (at(TokenKind.FLOAT)) {
            flags = next().value();
        } else if (atPunct('-')) {
            next();
            flags = "";
        } else {
            throw expected("TCP flags (such as S, S., P., F., R, . or -)");
        }

        Token seqToken = expect(TokenKind.INTEGER, "a sequence range START:END(LEN) after the flags");
        expectPunct(':', "':' in START:END(LEN)");
        Token endToken = expect(TokenKind.INTEGER, "the END of START:END(LEN)");
        expectPunct('(', "'(' in START:END(LEN)");
        Token lenToken = expect(TokenKind.INTEGER, "the LEN of START:END(LEN)");
        expectPunct(')', "')' in START:END(LEN)");
        long start = unsigned(seqToken, U32, "TCP start sequence number out of range");
        long end = unsigned(endToken, U32, "TCP end sequence number out of range");
        int len = (int) unsigned(lenToken, U16, "TCP payload size out of range");
        if (end != start + len) throw error(seqToken, "inconsistent TCP sequence numbers and payload size");

        OptionalLong ack = OptionalLong.empty();
        if (at(Keyword.ACK)) {
            next();
            ack = OptionalLong.of(unsigned(expect(TokenKind.INTEGER, "the ack number"), U32,
                    "TCP ack sequence number out of range"));
        }
        OptionalInt window = OptionalInt.empty();
        if (at(Keyword.WIN)) {
            next();
            window = OptionalInt.of((int) unsigned(expect(TokenKind.INTEGER, "the window"), U16,
                    "TCP window value out of range"));
        }
        OptionalInt urg = OptionalInt.empty();
        if (at(Keyword.URG)) {
            next();
            urg = OptionalInt.of((int) unsigned(expect(TokenKind.INTEGER, "the urgent pointer"), U16,
                    "urg_ptr value out of range"));
        }

        TcpOptions options = TcpOptions.NONE;
        Token optionsToken = peek();
        if (atPunct('<')) {
            next();
            if (at(TokenKind.ELLIPSIS)) {
                next();
                expectPunct('>', "'>' after <...");
                options = new TcpOptions.Any();
            } else {
                options = new TcpOptions.Exactly(optionList(optionsToken));
            }
        }
        if (at(Keyword.ACK) || at(Keyword.WIN) || at(Keyword.URG) || atPunct('<')) {
            throw error(peek(), "unexpected " + peek().describe() + ": a TCP packet is written "
                    + "FLAGS START:END(LEN) [ack N] [win N] [urg N] [<options>], in this order");
        }
        if (at(TokenKind.WORD) || at(TokenKind.KEYWORD)) {
            throw error(peek(), "unexpected " + peek().describe() + " in the TCP packet (expected ack N, "
                    + "win N, urg N or <options> after START:END(LEN))");
        }

        // packetdrill's order: ip info, <...> direction, then new_tcp_packet's checks
        if (ect01 && direction == Direction.INBOUND) {
            throw error(infoToken, "[ect01] can only be used with outbound packets");
        }
        if (options instanceof TcpOptions.Any && direction == Direction.INBOUND) {
            throw error(optionsToken, "<...> for TCP options can only be used with outbound packets");
        }
        if (options instanceof TcpOptions.Exactly x) {
            int bytes = OptionLengths.total(x.options());
            if ((bytes & 3) != 0) {
                throw error(optionsToken, "TCP options are not padded correctly to ensure TCP header is a "
                        + "multiple of 4 bytes: " + (bytes & 3) + " excess bytes");
            }
            int ipHeader = ipVersion.wireIsIpv6() ? 0 : 20; // IPv6's payload length excludes its header
            if (ipHeader + 20 + bytes + len > 65535) throw error(seqToken, "TCP segment too large");
        }
        String bad = TcpFlags.check(flags);
        if (bad != null) throw error(flagsToken, bad);
        if (window.isEmpty() && direction == Direction.INBOUND) {
            throw error(dirToken, "window must be specified for inbound packets");
        }
        return new Segment.Tcp(tuple, new TcpFlags(flags), start, len, ack, window, urg, options);
    }

    private Segment.Icmp icmp() {
        Token type = expect(TokenKind.WORD, "the ICMP type (such as unreachable or time_exceeded)");
        Optional<String> code = Optional.empty();
        if (at(TokenKind.WORD)) code = Optional.of(next().value());
        OptionalInt mtu = OptionalInt.empty();
        if (at(Keyword.MTU)) {
            next();
            mtu = OptionalInt.of((int) unsigned(expect(TokenKind.INTEGER, "the MTU"), U16, "ICMP mtu out of range"));
        }
        OptionalInt id = OptionalInt.empty();
        if (at(Keyword.ID)) {
            next();
            id = OptionalInt.of((int) unsigned(expect(TokenKind.INTEGER, "the echo id"), U16, "ICMP id out of range"));
        }
        Optional<Segment.Echoed> echoed = Optional.empty();
        if (atPunct('[')) {
            next();
            if (at(Keyword.UDP) || at(Keyword.RAW)) {
                boolean udp = next().is(Keyword.UDP);
                expectPunct('(', "'('");
                int n = (int) unsigned(expect(TokenKind.INTEGER, "a length"), U16, "payload size out of range");
                expectPunct(')', "')'");
                echoed = Optional.of(udp ? new Segment.Echoed.UdpDatagram(n) : new Segment.Echoed.Raw(n));
            } else {
                Token s = expect(TokenKind.INTEGER, "udp(LEN), raw(LEN) or START:END(LEN)");
                expectPunct(':', "':'");
                Token e = expect(TokenKind.INTEGER, "the END of START:END(LEN)");
                expectPunct('(', "'('");
                Token l = expect(TokenKind.INTEGER, "the LEN of START:END(LEN)");
                expectPunct(')', "')'");
                long start = unsigned(s, U32, "TCP start sequence number out of range");
                long end = unsigned(e, U32, "TCP end sequence number out of range");
                int len = (int) unsigned(l, U16, "TCP payload size out of range");
                if (end != start + len) throw error(s, "inconsistent TCP sequence numbers and payload size");
                echoed = Optional.of(new Segment.Echoed.TcpSegment(start, len));
            }
            expectPunct(']', "']'");
        }
        return new Segment.Icmp(type.value(), code, mtu, id, echoed);
    }

    private IpInfo optIpInfo() {
        if (!atPunct('(') && !atPunct('[')) return IpInfo.NONE;
        char close = next().isPunct('(') ? ')' : ']';
        Optional<IpInfo.TosSpec> tos = Optional.empty();
        OptionalInt flowLabel = OptionalInt.empty();
        OptionalInt ttl = OptionalInt.empty();
        if (at(Keyword.TTL)) {
            next();
            ttl = OptionalInt.of((int) unsigned(expect(TokenKind.INTEGER, "the TTL"), U8, "ttl out of range for 8 bits"));
        } else if (at(Keyword.FLOWLABEL)) {
            flowLabel = OptionalInt.of(flowLabel());
        } else {
            tos = Optional.of(tosSpec());
            if (atPunct(',')) {
                next();
                flowLabel = OptionalInt.of(flowLabel());
            }
        }
        expectPunct(close, "'" + close + "' closing the IP info");
        return new IpInfo(tos, flowLabel, ttl);
    }

    private IpInfo.TosSpec tosSpec() {
        Token t = peek();
        IpInfo.EcnCheck ecn = null;
        if (t.is(Keyword.NOECN)) ecn = IpInfo.EcnCheck.NOECN;
        else if (t.is(Keyword.ECT0)) ecn = IpInfo.EcnCheck.ECT0;
        else if (t.is(Keyword.ECT1)) ecn = IpInfo.EcnCheck.ECT1;
        else if (t.is(Keyword.CE)) ecn = IpInfo.EcnCheck.CE;
        else if (t.is(Keyword.ECT01)) ecn = IpInfo.EcnCheck.ECT01;
        if (ecn != null) {
            next();
            return new IpInfo.TosSpec.Ecn(ecn);
        }
        if (t.is(Keyword.TOS)) {
            next();
            Token v = peek();
            if (!v.isNumber()) throw expected("the TOS byte, such as 0x10");
            next();
            return new IpInfo.TosSpec.Tos((int) unsigned(v, U8, "tos out of range for 8 bits"));
        }
        throw expected("noecn, ect0, ect1, ce, ect01, tos 0xNN, flowlabel 0xNNNNN or ttl N");
    }

    private int flowLabel() {
        expect(Keyword.FLOWLABEL, "flowlabel");
        Token v = peek();
        if (!v.isNumber()) throw expected("the flow label, such as 0x12345");
        next();
        return (int) unsigned(v, U20, "flowlabel out of range for 20 bits");
    }

    private GreHeader greHeader() {
        expect(Keyword.FLAGS, "GRE flags (flags[...] or flags N)");
        int flags;
        if (atPunct('[')) {
            next();
            flags = 0;
            do {
                if (atPunct(',')) next();
                if (at(Keyword.NONE)) {
                    next();
                } else if (at(Keyword.CHECKSUM)) {
                    next();
                    expect(Keyword.PRESENT, "'present'");
                    flags |= GreHeader.FLAG_CHECKSUM;
                } else if (at(Keyword.KEY)) {
                    next();
                    expect(Keyword.PRESENT, "'present'");
                    flags |= GreHeader.FLAG_KEY;
                } else if (at(Keyword.SEQUENCE)) {
                    next();
                    expect(Keyword.PRESENT, "'present'");
                    flags |= GreHeader.FLAG_SEQUENCE;
                } else {
                    throw expected("none, checksum present, key present or sequence# present");
                }
            } while (atPunct(','));
            expectPunct(']', "']' closing the GRE flags");
        } else {
            flags = (int) unsigned(anyInt("the GRE flags"), U16, "GRE flags out of range for 16 bits");
        }
        if (atPunct(',')) next();
        expect(Keyword.SUM, "sum N");
        int sum = (int) unsigned(anyInt("the GRE checksum"), U16, "GRE sum out of range for 16 bits");
        if (atPunct(',')) next();
        expect(Keyword.OFF, "off N");
        int off = (int) unsigned(anyInt("the GRE offset"), U16, "GRE off out of range for 16 bits");
        if (atPunct(',')) next();
        expect(Keyword.KEY, "key N");
        if (atPunct('=')) next();
        long key = unsigned(anyInt("the GRE key"), U32, "GRE key out of range for 32 bits");
        if (atPunct(',')) next();
        expect(Keyword.SEQ, "seq N");
        long seq = unsigned(anyInt("the GRE sequence number"), U32, "GRE seq out of range for 32 bits");
        return new GreHeader(flags, sum, off, key, seq);
    }

    private MplsEntry mplsEntry() {
        expectPunct('(', "'('");
        expect(Keyword.LABEL, "label N");
        int label = (int) unsigned(expect(TokenKind.INTEGER, "the MPLS label"), U20, "MPLS label out of range for 20 bits");
        expectPunct(',', "','");
        expect(Keyword.TC, "tc N");
        int tc = (int) unsigned(expect(TokenKind.INTEGER, "the traffic class"), 7, "MPLS tc out of range for 3 bits");
        expectPunct(',', "','");
        boolean bottom = false;
        if (atPunct('[')) {
            next();
            Token s = expect(TokenKind.WORD, "S");
            if (!s.value().equals("S")) throw error(s, "expected [S] for MPLS label stack bottom");
            expectPunct(']', "']'");
            expectPunct(',', "','");
            bottom = true;
        }
        expect(Keyword.TTL, "ttl N");
        int ttl = (int) unsigned(expect(TokenKind.INTEGER, "the TTL"), U8, "MPLS ttl out of range for 8 bits");
        expectPunct(')', "')'");
        return new MplsEntry(label, tc, bottom, ttl);
    }

    private Tuple optTuple() {
        Token t = peek();
        boolean tuple = t.isPunct('>') || t.is(TokenKind.INTEGER) || t.is(TokenKind.IPV4_ADDR)
                || t.is(TokenKind.IPV6_ADDR) || t.is(Keyword.ADDR);
        if (!tuple) return Tuple.NONE;
        Endpoint src = endpoint();
        expectPunct('>', "'>' between the source and destination of the tuple");
        Endpoint dst = endpoint();
        return new Tuple(src, dst);
    }

    private Endpoint endpoint() {
        Token t = peek();
        if (t.is(TokenKind.INTEGER)) {
            next();
            return new Endpoint.Port((int) unsigned(t, U16, "port out of range"));
        }
        if (t.is(TokenKind.IPV4_ADDR)) {
            next();
            Inet4Address a = ipv4Token(t);
            expectPunct(':', "':' and a port after the address");
            return new Endpoint.Address(a, (int) unsigned(expect(TokenKind.INTEGER, "a port"), U16, "port out of range"));
        }
        if (t.is(TokenKind.IPV6_ADDR)) {
            next();
            if (atPunct(':')) {
                next();
                return new Endpoint.Address(ipv6Token(t),
                        (int) unsigned(expect(TokenKind.INTEGER, "a port"), U16, "port out of range"));
            }
            // Lenient: the fork's IPv6 expression swallows a decimal ":PORT" ending in hex digits
            // (2001:db8::1:8080 is one IPV6_ADDR), so take the last group as the port when the
            // rest is an address
            String s = t.value();
            int colon = s.lastIndexOf(':');
            if (colon > 0 && colon < s.length() - 1 && s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                Inet6Address a = parseIpv6(s.substring(0, colon));
                long port = Long.parseLong(s.substring(colon + 1));
                if (a != null && port <= U16) return new Endpoint.Address(a, (int) port);
            }
            throw expected("':' and a port after the IPv6 address");
        }
        if (t.is(Keyword.ADDR)) {
            next();
            expectPunct('[', "'[' after addr");
            Token name = expectName("an endpoint variable name, as in addr[caddr0]");
            expectPunct(']', "']'");
            return new Endpoint.Variable(name.value());
        }
        return new Endpoint.Unspecified();
    }

    // ------------------------------------------------------------------ TCP options

    private List<TcpOptionSpec> optionList(Token open) {
        List<TcpOptionSpec> options = new ArrayList<>();
        int bytes = 0;
        while (true) {
            Token first = peek();
            TcpOptionSpec o = tcpOption();
            bytes += OptionLengths.of(o);
            if (bytes > OptionLengths.MAX_OPTION_BYTES) {
                throw error(first, "TCP option list too long: " + bytes + " bytes (at most "
                        + OptionLengths.MAX_OPTION_BYTES + ")");
            }
            options.add(o);
            if (atPunct(',')) {
                next();
                continue;
            }
            if (atPunct('>')) {
                next();
                return options;
            }
            String unclosed = peek().line() != first.line() || at(TokenKind.EOF)
                    ? " (the '<' at " + open.line() + ":" + open.column() + " is not closed)" : "";
            throw error(peek(), "unexpected " + peek().describe() + " after the " + optionName(first)
                    + " option: expected ',' or '>'" + (unclosed.isEmpty() ? syntaxHint(first) : unclosed));
        }
    }

    private static String optionName(Token t) {
        return t.text();
    }

    private static String syntaxHint(Token first) {
        if (first.keyword() == null) return "";
        String s = switch (first.keyword()) {
            case MPCAPABLE -> "mpcapable v0|v1|none flags[...]|flags N nokey|key[A]|key[A, B] [mpcdatalen N]";
            case MP_CAPABLE, MP_CAPABLE_NO_CS -> first.text() + " KEY[=INT] [KEY[=INT]] [flag_a] ... [flag_h] [no_flags]";
            case MP_JOIN_SYN -> "mp_join_syn [backup=0|1] [address_id=N|auto] token=... [rand=N]";
            case MP_JOIN_SYN_ACK -> "mp_join_syn_ack [backup=0|1] [address_id=N|auto] sender_hmac=... [rand=N]";
            case MP_JOIN_ACK -> "mp_join_ack sender_hmac=...";
            case DSS -> "dss [dack4|dack8[=V]] [dsn4|dsn8[=V]] [ssn=N] [dll=N] [nocs|cksum=N] [fin]";
            case ADD_ADDRESS -> "add_address [address_id=N|auto] addr[NAME[=inet_addr(\"...\")]] [port=N] "
                    + "addr_echo|hmac=N|hmac=auto";
            case REMOVE_ADDRESS -> "remove_address address_id=[N, ...]";
            case MP_PRIO -> "mp_prio [backup=0|1] [address_id=N]";
            case MP_FAIL -> "mp_fail dsn8=V";
            case MP_FASTCLOSE -> "mp_fastclose [KEY[=INT]] [+N]";
            case MP_RESET -> "mp_reset REASON [flags[flag_t]|flags[no_flags]]";
            case SACK -> "sack L:R [L:R ...] (blocks separated by spaces)";
            case TS -> "TS val N ecr N";
            default -> null;
        };
        return s == null ? "" : " (syntax: " + s + ")";
    }

    private TcpOptionSpec tcpOption() {
        Token t = peek();
        if (t.is(TokenKind.INTEGER) && la(1).isPunct(':')) {
            throw error(t, "expected a TCP option but found a SACK block starting " + t.describe()
                    + ": SACK blocks are separated by spaces, not commas");
        }
        if (!t.is(TokenKind.KEYWORD)) {
            throw error(t, "unknown TCP option " + t.describe() + " (expected one of: " + TCP_OPTION_NAMES + ")");
        }
        switch (t.keyword()) {
            case NOP -> {
                next();
                return new TcpOptionSpec.Nop();
            }
            case EOL -> {
                next();
                return new TcpOptionSpec.Eol();
            }
            case MSS -> {
                next();
                return new TcpOptionSpec.Mss((int) unsigned(expect(TokenKind.INTEGER, "the MSS value"), U16,
                        "mss value out of range"));
            }
            case WSCALE -> {
                next();
                return new TcpOptionSpec.WindowScale((int) unsigned(expect(TokenKind.INTEGER, "the shift count"), U8,
                        "window scale shift count out of range"));
            }
            case SACKOK -> {
                next();
                return new TcpOptionSpec.SackPermitted();
            }
            case SACK -> {
                next();
                List<TcpOptionSpec.SackBlock> blocks = new ArrayList<>();
                do {
                    Token l = expect(TokenKind.INTEGER, "a SACK block L:R");
                    expectPunct(':', "':' in the SACK block");
                    Token r = expect(TokenKind.INTEGER, "the right edge of the SACK block");
                    blocks.add(new TcpOptionSpec.SackBlock(
                            unsigned(l, U32, "TCP SACK left sequence number out of range"),
                            unsigned(r, U32, "TCP SACK right sequence number out of range")));
                } while (at(TokenKind.INTEGER));
                return new TcpOptionSpec.Sack(blocks);
            }
            case TS -> {
                next();
                expect(Keyword.VAL, "'val' (TS val N ecr N)");
                long val = unsigned(expect(TokenKind.INTEGER, "the TS value"), U32, "ts val out of range");
                expect(Keyword.ECR, "'ecr' (TS val N ecr N)");
                long ecr = unsigned(expect(TokenKind.INTEGER, "the TS echo reply"), U32, "ecr val out of range");
                return new TcpOptionSpec.Timestamp(val, ecr);
            }
            case MD5 -> {
                next();
                Token h = hexBlob("the MD5 digest in hex");
                if (h == null) throw expected("the MD5 digest in hex");
                String hex = h.value();
                if (hex.length() / 2 > MAX_MD5_BYTES) throw error(h, "TCP MD5 digest longer than 16 bytes");
                Bytes digest = hex(hex);
                if (digest == null) throw error(h, "TCP MD5 digest is not a valid hex string");
                return new TcpOptionSpec.Md5(digest);
            }
            case FO, FOEXP -> {
                next();
                boolean exp = t.is(Keyword.FOEXP);
                Token h = hexBlob(null);
                Bytes cookie = Bytes.EMPTY;
                if (h != null) {
                    String hex = h.value();
                    if ((hex.length() & 1) != 0) throw error(h, "TCP fast open cookie has an odd number of digits");
                    if (hex.length() / 2 > MAX_COOKIE_BYTES) {
                        throw error(h, "TCP fast open cookie of " + hex.length() / 2
                                + " bytes exceeds maximum cookie length of " + MAX_COOKIE_BYTES + " bytes");
                    }
                    cookie = hex(hex);
                    if (cookie == null) throw error(h, "TCP fast open cookie '" + hex + "' is not a valid hex string");
                }
                return exp ? new TcpOptionSpec.FastOpenExp(cookie) : new TcpOptionSpec.FastOpen(cookie);
            }
            case MPCAPABLE -> {
                return mpCapable();
            }
            case MP_CAPABLE, MP_CAPABLE_NO_CS -> {
                return mpCapableV0();
            }
            case MP_JOIN_SYN -> {
                next();
                boolean backup = optBackup();
                OptionalInt id = optAddressId("MPTCP mp_join address_id should be a 8 bits unsigned integer.");
                if (!at(Keyword.TOKEN)) throw expected("token=... (token=sha256_32(KEY), token=N or token=auto) in mp_join_syn");
                TokenSpec token = token();
                return new TcpOptionSpec.MpJoinSyn(backup, id, token, optRand());
            }
            case MP_JOIN_SYN_ACK -> {
                next();
                boolean backup = optBackup();
                OptionalInt id = optAddressId("MPTCP mp_join address_id should be a 8 bits unsigned integer.");
                HmacSpec hmac = senderHmac("mp_join_syn_ack");
                return new TcpOptionSpec.MpJoinSynAck(backup, id, hmac, optRand());
            }
            case MP_JOIN_ACK -> {
                next();
                return new TcpOptionSpec.MpJoinAck(senderHmac("mp_join_ack"));
            }
            case DSS -> {
                return dss();
            }
            case ADD_ADDRESS -> {
                return addAddress();
            }
            case REMOVE_ADDRESS -> {
                next();
                expect(Keyword.ADDRESS_ID, "address_id=[N, ...] after remove_address");
                expectPunct('=', "'=' after address_id");
                expectPunct('[', "'[' (remove_address address_id=[N, ...])");
                List<Integer> ids = new ArrayList<>();
                do {
                    if (atPunct(',')) next();
                    ids.add((int) unsigned(expect(TokenKind.INTEGER, "an address id"), U8,
                            "REMOVE_ADDRESS: address_id should be a 8 bits unsigned integer."));
                } while (atPunct(','));
                expectPunct(']', "',' or ']' in the address id list");
                return new TcpOptionSpec.RemoveAddress(ids);
            }
            case MP_PRIO -> {
                next();
                boolean backup = optBackup();
                OptionalInt id = optAddressId("Value assigned to address_id is not a valid unsigned 8 bits number.");
                return new TcpOptionSpec.MpPrio(backup, id);
            }
            case MP_FAIL -> {
                next();
                if (at(Keyword.DSN4)) {
                    throw error(peek(), "mp_fail carries a 64-bit data sequence number: write dsn8, not dsn4");
                }
                DssValue dsn = new DssValue.Unset();
                if (at(Keyword.DSN8)) dsn = dssNumber(Keyword.DSN8).value();
                return new TcpOptionSpec.MpFail(dsn);
            }
            case MP_FASTCLOSE -> {
                next();
                Optional<KeyVar> key = Optional.empty();
                if (at(TokenKind.WORD)) key = Optional.of(keyVar());
                long offset = 0;
                if (atPunct('+')) {
                    Token plus = next();
                    offset = s64(expect(TokenKind.INTEGER, "an integer after '+'"));
                    if (key.isEmpty()) throw error(plus, "mp_fastclose +N needs a key variable before the '+'");
                    if (key.get().value().isPresent()) {
                        throw error(plus, "mp_fastclose " + key.get().name() + "=INT +N: give the key's value "
                                + "or an offset, not both");
                    }
                }
                return new TcpOptionSpec.MpFastclose(key, offset);
            }
            case MP_RESET -> {
                next();
                int reason = (int) unsigned(expect(TokenKind.INTEGER, "the reset reason code (mp_reset N)"), U8,
                        "mp_reset: reason code should be a 8 bits unsigned integer.");
                boolean transientFlag = false;
                if (at(Keyword.FLAGS)) {
                    next();
                    expectPunct('[', "'[' (flags[flag_t] or flags[no_flags])");
                    if (at(Keyword.FLAG_T)) transientFlag = true;
                    else if (!at(Keyword.NO_FLAGS)) throw expected("flag_t or no_flags");
                    next();
                    expectPunct(']', "']'");
                }
                return new TcpOptionSpec.MpReset(reason, transientFlag);
            }
            default -> throw error(t, "unknown TCP option " + t.describe() + " (expected one of: "
                    + TCP_OPTION_NAMES + ")");
        }
    }

    /** {@code hex_blob}: a WORD or an INTEGER's digits; null when neither follows. */
    private Token hexBlob(String what) {
        if (at(TokenKind.WORD) || at(TokenKind.INTEGER)) return next();
        if (what != null) throw expected(what);
        return null;
    }

    private static Bytes hex(String s) {
        if ((s.length() & 1) != 0) return null;
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) return null;
        }
        return Bytes.fromHex(s);
    }

    private TcpOptionSpec.MpCapable mpCapable() {
        next();
        int version;
        if (at(Keyword.V0)) version = 0;
        else if (at(Keyword.V1) || at(Keyword.NONE)) version = 1;
        else throw expected("the MPTCP version after mpcapable: v0, v1 or none");
        next();
        expect(Keyword.FLAGS, "flags[...] or flags N after the version");
        int flags = 0;
        if (atPunct('[')) {
            next();
            do {
                if (atPunct(',')) next();
                Token f = peek();
                int bit = mpcFlag(f);
                if (bit < 0) throw expected("no_flags or flag_a ... flag_h");
                next();
                flags |= bit;
            } while (atPunct(','));
            expectPunct(']', "',' or ']' closing the flags");
        } else {
            flags = (int) unsigned(anyInt("flags[...] or a flags byte"), U8, "mpcapable flags out of range for 8 bits");
        }
        List<KeyVar> keys = new ArrayList<>();
        if (at(Keyword.NOKEY)) {
            next();
        } else if (at(Keyword.KEY)) {
            next();
            expectPunct('[', "'[' after key");
            keys.add(keyVar());
            if (atPunct(',')) {
                next();
                keys.add(keyVar());
            }
            expectPunct(']', "',' or ']' closing key[...]");
        } else {
            throw expected("nokey, key[A] or key[A, B] in mpcapable");
        }
        int dll = 0;
        if (at(Keyword.MPCDATALEN)) {
            Token m = next();
            dll = (int) unsigned(expect(TokenKind.INTEGER, "the data-level length"), U16, "mpcdatalen value out of range");
            if (dll > 0 && keys.size() != 2) {
                throw error(m, "mpcdatalen needs key[SENDER, RECEIVER]: the MP_CAPABLE carrying data holds both keys");
            }
        }
        return new TcpOptionSpec.MpCapable(version, flags, keys, dll);
    }

    private static int mpcFlag(Token f) {
        if (f.keyword() == null) return -1;
        return switch (f.keyword()) {
            case NO_FLAGS -> 0;
            case FLAG_A -> 0x80;
            case FLAG_B -> 0x40;
            case FLAG_C -> 0x20;
            case FLAG_D -> 0x10;
            case FLAG_E -> 0x08;
            case FLAG_F -> 0x04;
            case FLAG_G -> 0x02;
            case FLAG_H -> 0x01;
            default -> -1;
        };
    }

    private TcpOptionSpec.MpCapableV0 mpCapableV0() {
        Token kw = next();
        boolean noChecksum = kw.is(Keyword.MP_CAPABLE_NO_CS);
        if (!at(TokenKind.WORD)) expectName("a key variable (such as ckey or ckey=2) after " + kw.text());
        KeyVar first = keyVar();
        Optional<KeyVar> second = Optional.empty();
        if (at(TokenKind.WORD)) second = Optional.of(keyVar());
        int flags = 0;
        boolean any = false;
        Keyword[] order = {Keyword.FLAG_A, Keyword.FLAG_B, Keyword.FLAG_C, Keyword.FLAG_D,
                Keyword.FLAG_E, Keyword.FLAG_F, Keyword.FLAG_G, Keyword.FLAG_H};
        for (Keyword k : order) {
            if (at(k)) {
                flags |= mpcFlag(next());
                any = true;
            }
        }
        boolean noFlags = false;
        if (at(Keyword.NO_FLAGS)) {
            next();
            noFlags = true;
        }
        if (mpcFlag(peek()) >= 0) {
            throw error(peek(), kw.text() + " flags must be written in the order flag_a ... flag_h, then no_flags");
        }
        if (noFlags) flags = 0;
        else if (!any) flags = noChecksum ? 0x01 : 0x81;
        return new TcpOptionSpec.MpCapableV0(noChecksum, first, second, flags);
    }

    private KeyVar keyVar() {
        Token name = expectName("a key variable name");
        if (!atPunct('=')) return KeyVar.of(name.value());
        next();
        Token v = peek();
        if (!v.isNumber()) throw expected("the key's value after '" + name.value() + "='");
        next();
        return new KeyVar(name.value(), OptionalLong.of(s64OrU64(v, "key value out of range (64 bits)")));
    }

    private boolean optBackup() {
        if (!at(Keyword.BACKUP)) return false;
        next();
        expectPunct('=', "'=' after backup");
        Token v = expect(TokenKind.INTEGER, "0 or 1");
        long b = v.number().longValue();
        if (v.number().bitLength() > 31 || b < 0 || b > 1) throw error(v, "MPTCP backup flag should be set to 1 or 0.");
        return b == 1;
    }

    private OptionalInt optAddressId(String rangeMessage) {
        if (!at(Keyword.ADDRESS_ID)) return OptionalInt.empty();
        next();
        expectPunct('=', "'=' after address_id");
        if (at(Keyword.AUTO)) {
            next();
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) unsigned(expect(TokenKind.INTEGER, "an address id or auto"), U8, rangeMessage));
    }

    private OptionalLong optRand() {
        if (!at(Keyword.RAND)) return OptionalLong.empty();
        next();
        expectPunct('=', "'=' after rand");
        return OptionalLong.of(unsigned(expect(TokenKind.INTEGER, "the random number"), U32, "rand is not a valid u32."));
    }

    private TokenSpec token() {
        expect(Keyword.TOKEN, "token=");
        expectPunct('=', "'=' after token");
        Token t = peek();
        if (t.is(TokenKind.INTEGER) || t.is(TokenKind.HEX_INTEGER)) {
            next();
            return new TokenSpec.Literal(unsigned(t, U32, "mptcp_token is not a valid u32."));
        }
        if (t.is(Keyword.SHA1_32) || t.is(Keyword.SHA256_32)) {
            next();
            expectPunct('(', "'(' after " + t.text());
            Token key = expectName("a key variable name");
            expectPunct(')', "')'");
            return new TokenSpec.OfKey(t.is(Keyword.SHA1_32) ? HashAlgorithm.SHA1 : HashAlgorithm.SHA256, key.value());
        }
        if (t.is(Keyword.AUTO)) {
            next();
            return new TokenSpec.Auto();
        }
        throw expected("a token: sha256_32(KEY), sha1_32(KEY), an integer or auto");
    }

    private HmacSpec senderHmac(String option) {
        if (at(Keyword.TOKEN)) {
            next();
            expectPunct('=', "'='");
            expect(Keyword.AUTO, "auto (token=auto)");
            return new HmacSpec.Auto();
        }
        if (!at(Keyword.SENDER_HMAC)) {
            throw expected("sender_hmac=... (sender_hmac=auto, trunc_l64_hmac(...) or full_160_hmac(A B)) in " + option);
        }
        next();
        expectPunct('=', "'=' after sender_hmac");
        Token t = peek();
        if (t.is(Keyword.AUTO)) {
            next();
            return new HmacSpec.Auto();
        }
        if (t.is(Keyword.TRUNC_L64_HMAC)) {
            next();
            expectPunct('(', "'(' after trunc_l64_hmac");
            if (at(TokenKind.INTEGER) || at(TokenKind.HEX_INTEGER)) {
                long v = s64OrU64(next(), "HMAC value out of range (64 bits)");
                expectPunct(')', "')'");
                return new HmacSpec.TruncatedLiteral(v);
            }
            Token a = expectName("an integer or two key variables (trunc_l64_hmac(A B))");
            Token b = expectName("a second key variable (trunc_l64_hmac(A B))");
            expectPunct(')', "')'");
            return new HmacSpec.Truncated(a.value(), b.value());
        }
        if (t.is(Keyword.FULL_160_HMAC)) {
            next();
            expectPunct('(', "'(' after full_160_hmac");
            Token a = expectName("two key variables (full_160_hmac(A B))");
            Token b = expectName("a second key variable (full_160_hmac(A B))");
            expectPunct(')', "')'");
            return new HmacSpec.Full(a.value(), b.value());
        }
        throw expected("auto, trunc_l64_hmac(...) or full_160_hmac(A B) after sender_hmac=");
    }

    private TcpOptionSpec.Dss dss() {
        Token kw = next();
        Optional<DssNumber> ack = Optional.empty();
        if (at(Keyword.DACK4) || at(Keyword.DACK8)) ack = Optional.of(dssNumber(peek().keyword()));
        Optional<DssNumber> dsn = Optional.empty();
        if (at(Keyword.DSN4) || at(Keyword.DSN8)) dsn = Optional.of(dssNumber(peek().keyword()));
        OptionalLong ssn = OptionalLong.empty();
        if (at(Keyword.SSN)) {
            next();
            expectPunct('=', "'=' after ssn");
            Token v = expect(TokenKind.INTEGER, "the subflow sequence number");
            ssn = OptionalLong.of(unsigned(v, U32, "ssn: " + v.text() + " is not a valid 32-bit unsigned integer"));
        }
        OptionalInt dll = OptionalInt.empty();
        if (at(Keyword.DLL)) {
            next();
            expectPunct('=', "'=' after dll");
            Token v = expect(TokenKind.INTEGER, "the data-level length");
            dll = OptionalInt.of((int) unsigned(v, U16, "dll: " + v.text() + " is not a valid 16-bit unsigned integer"));
        }
        DssChecksum checksum = new DssChecksum.Computed();
        if (at(Keyword.NOCS)) {
            next();
            checksum = new DssChecksum.Absent();
        } else if (at(Keyword.CKSUM)) {
            next();
            expectPunct('=', "'=' after cksum");
            checksum = new DssChecksum.Value((int) unsigned(anyInt("the checksum"), U16, "cksum out of range for 16 bits"));
        }
        boolean fin = false;
        if (at(Keyword.FIN)) {
            next();
            fin = true;
        }
        if (ack.isEmpty() && dsn.isEmpty()) {
            throw error(kw, "dss needs a data ACK (dack4 or dack8), a mapping (dsn4 or dsn8), or both");
        }
        return new TcpOptionSpec.Dss(ack, dsn, ssn, dll, checksum, fin);
    }

    /** {@code dack4|dack8|dsn4|dsn8 [= value]}. */
    private DssNumber dssNumber(Keyword k) {
        Token kw = next();
        int width = (k == Keyword.DACK4 || k == Keyword.DSN4) ? 4 : 8;
        if (!atPunct('=')) return new DssNumber(width, new DssValue.Unset());
        next();
        Token t = peek();
        if (t.isNumber()) {
            next();
            long v = width == 4
                    ? unsigned(t, U32, kw.text() + " value " + t.text() + " does not fit in 32 bits")
                    : s64OrU64Unsigned(t, kw.text() + " value " + t.text() + " does not fit in 64 bits");
            return new DssNumber(width, new DssValue.Literal(v));
        }
        if (t.is(Keyword.TRUNC_R64_HMAC_SHA1) || t.is(Keyword.TRUNC_R64_HMAC_SHA256)) {
            next();
            expectPunct('(', "'(' after " + t.text());
            Token key = peek();
            if (!key.isNumber()) throw expected("the key as an integer");
            next();
            expectPunct(')', "')'");
            return new DssNumber(width, new DssValue.KeyIdsnLiteral(
                    t.is(Keyword.TRUNC_R64_HMAC_SHA1) ? HashAlgorithm.SHA1 : HashAlgorithm.SHA256,
                    s64OrU64(key, "key value out of range (64 bits)")));
        }
        if (t.is(Keyword.TRUNC_R64_HMAC)) {
            next();
            expectPunct('(', "'(' after trunc_r64_hmac");
            Token key = expectName("a key variable name");
            expectPunct(')', "')'");
            long offset = 0;
            if (atPunct('+')) {
                next();
                offset = s64(expect(TokenKind.INTEGER, "an integer after '+'"));
            }
            return new DssNumber(width, new DssValue.KeyIdsn(key.value(), offset));
        }
        throw expected("a number, trunc_r64_hmac(KEY)[+N] or trunc_r64_hmac_sha256(INT) after " + kw.text() + "=");
    }

    private TcpOptionSpec.AddAddress addAddress() {
        next();
        OptionalInt id = optAddressId("ADD_ADDRESS: address_id should be a 8 bits unsigned integer.");
        if (!at(Keyword.ADDR)) throw expected("addr[NAME] or addr[NAME=inet_addr(\"...\")] in add_address");
        next();
        expectPunct('[', "'[' after addr");
        Token name = expectName("an address variable name");
        Optional<InetAddress> address = Optional.empty();
        if (atPunct('=')) {
            next();
            if (at(Keyword.INET_ADDR)) {
                address = Optional.of(inetAddr());
            } else if (at(Keyword.INET6_ADDR)) {
                next();
                expectPunct('(', "'(' after inet6_addr");
                Token s = expect(TokenKind.STRING, "a quoted IPv6 address");
                expectPunct(')', "')'");
                Inet6Address a = parseIpv6(s.value());
                if (a == null) throw error(s, "bad IPv6 address: \"" + s.value() + "\"");
                address = Optional.of(a);
            } else {
                throw expected("inet_addr(\"a.b.c.d\") or inet6_addr(\"...\")");
            }
        }
        expectPunct(']', "']' closing addr[...]");
        OptionalInt port = OptionalInt.empty();
        if (at(Keyword.PORT)) {
            next();
            expectPunct('=', "'=' after port");
            port = OptionalInt.of((int) unsigned(expect(TokenKind.INTEGER, "a port"), U16,
                    "ADD_ADDRESS: the port is a 16 bits unsigned integer"));
        }
        AddAddrHmac hmac;
        if (at(Keyword.ADDR_ECHO)) {
            next();
            hmac = new AddAddrHmac.Echo();
        } else if (at(Keyword.HMAC)) {
            next();
            expectPunct('=', "'=' after hmac");
            if (at(Keyword.AUTO)) {
                next();
                hmac = new AddAddrHmac.Auto();
            } else {
                Token v = peek();
                if (!v.isNumber()) throw expected("an HMAC value or auto after hmac=");
                next();
                hmac = new AddAddrHmac.Value(s64OrU64(v, "HMAC value out of range (64 bits)"));
            }
        } else {
            throw expected("addr_echo, hmac=N or hmac=auto at the end of add_address");
        }
        return new TcpOptionSpec.AddAddress(id, name.value(), address, port, hmac);
    }

    // ------------------------------------------------------------------ numbers and addresses

    private Token anyInt(String what) {
        if (!peek().isNumber()) throw expected(what);
        return next();
    }

    /** A number in {@code 0..max}, or the error {@code message} at the token. */
    private long unsigned(Token t, long max, String message) {
        BigInteger v = t.number();
        if (v == null) throw error(t, "expected a number but found " + t.describe());
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) throw error(t, message);
        return v.longValue();
    }

    private long s64(Token t) {
        BigInteger v = t.number();
        if (v.bitLength() > 63) throw error(t, "integer " + t.text() + " out of range (64 bits)");
        return v.longValue();
    }

    /** Signed 64 bits, or an unsigned 64-bit value kept as its bits (keys, HMACs). */
    private long s64OrU64(Token t, String message) {
        BigInteger v = t.number();
        if (v.compareTo(S64_MIN) < 0 || v.compareTo(U64_MAX) > 0) throw error(t, message);
        return v.longValue();
    }

    private long s64OrU64Unsigned(Token t, String message) {
        BigInteger v = t.number();
        if (v.signum() < 0 || v.compareTo(U64_MAX) > 0) throw error(t, message);
        return v.longValue();
    }

    private Inet4Address ipv4Token(Token t) {
        Inet4Address a = parseIpv4(t.value());
        if (a == null) throw error(t, "bad IPv4 address: " + t.value());
        return a;
    }

    private Inet6Address ipv6Token(Token t) {
        Inet6Address a = parseIpv6(t.value());
        if (a == null) throw error(t, "bad IPv6 address: " + t.value());
        return a;
    }

    /** A strict dotted quad, each part 0..255; null otherwise. */
    static Inet4Address parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) return null;
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') return null;
                v = v * 10 + (c - '0');
            }
            if (v > 255) return null;
            b[i] = (byte) v;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** An IPv6 literal (never a DNS lookup); null when it is not one. */
    static Inet6Address parseIpv6(String s) {
        if (s.indexOf(':') < 0) return null;
        try {
            InetAddress a = InetAddress.ofLiteral(s);
            if (a instanceof Inet6Address v6) return v6;
            // ::ffff:a.b.c.d comes back as its IPv4 address; keep the 16-byte form
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
            return Inet6Address.getByAddress(null, mapped, -1);
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return null;
        }
    }
}
