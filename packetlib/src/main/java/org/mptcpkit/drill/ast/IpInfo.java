package org.mptcpkit.drill.ast;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The optional {@code [..]} or {@code (..)} after a direction or an outer IP header:
 * {@code [ect0]}, {@code (tos 0x10)}, {@code [flowlabel 0x12345]}, {@code [ttl 64]},
 * {@code [ce, flowlabel 0x1]}. On an outbound packet only what is written is checked.
 */
public record IpInfo(Optional<TosSpec> tos, OptionalInt flowLabel, OptionalInt ttl) {
    /** Nothing written. */
    public static final IpInfo NONE = new IpInfo(Optional.empty(), OptionalInt.empty(), OptionalInt.empty());

    public IpInfo {
        Objects.requireNonNull(tos, "tos");
        Objects.requireNonNull(flowLabel, "flowLabel");
        Objects.requireNonNull(ttl, "ttl");
    }

    public boolean isEmpty() {
        return tos.isEmpty() && flowLabel.isEmpty() && ttl.isEmpty();
    }

    /** The ECN field or the whole TOS byte. */
    public sealed interface TosSpec {
        /** {@code noecn}, {@code ect0}, {@code ect1}, {@code ce}, or {@code ect01} (either ECT). */
        record Ecn(EcnCheck check) implements TosSpec {
            public Ecn {
                Objects.requireNonNull(check, "check");
            }
        }

        /** {@code tos 0xNN}: the whole byte. */
        record Tos(int value) implements TosSpec {
        }
    }

    /** The ECN codepoints a script can name (RFC 3168 §5). */
    public enum EcnCheck {
        NOECN("noecn"), ECT0("ect0"), ECT1("ect1"), CE("ce"),
        /** ECT(0) or ECT(1): outbound packets only. */
        ECT01("ect01");

        private final String spelling;

        EcnCheck(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }
}
