package org.mptcpkit.packet;

import java.util.List;
import java.util.function.Consumer;

/**
 * Selective Acknowledgment (RFC 2018 §3; kind 5, length 2 + 8n): the blocks of data received
 * beyond the cumulative acknowledgment. Four blocks fill the option space (three beside
 * timestamps).
 *
 * <pre>
 *                  +--------+--------+
 *                  | Kind=5 | Length |
 * +--------+--------+--------+--------+
 * |      Left Edge of 1st Block       |
 * +--------+--------+--------+--------+
 * |      Right Edge of 1st Block      |
 * +--------+--------+--------+--------+
 * /            . . .                  /
 * </pre>
 *
 * <p>Example: {@code Sack.of(new Sack.Block(1001, 2001))} encodes as
 * {@code 05 0a 00 00 03 e9 00 00 07 d1}.
 */
public record Sack(int length, List<Block> blocks) implements TcpOption {
    public static final int KIND = 5;
    /** The most blocks a length byte can describe: (255 - 2) / 8. */
    public static final int MAX_BLOCKS = 31;

    public static Sack of(Block... blocks) {
        return new Sack(Field.AUTO, List.of(blocks));
    }

    public Sack {
        Field.u8OrAuto("length", length);
        blocks = List.copyOf(Field.nonNull("blocks", blocks));
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("blocks: " + blocks.size() + " (expected: 0.." + MAX_BLOCKS + ")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A Sack built by {@code spec}, e.g. {@code Sack.of(b -> b.blocks(...))}. */
    public static Sack of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.length = length;
        b.blocks = blocks;
        return b;
    }

    public Sack withLength(int length) {
        return new Sack(length, blocks);
    }

    public Sack withBlocks(List<Block> blocks) {
        return new Sack(length, blocks);
    }

    @Override
    public int kind() {
        return KIND;
    }

    /**
     * One block: the first sequence number received and the one after the last (RFC 2018 §3).
     * Example: {@code new Sack.Block(1001, 2001)}.
     */
    public record Block(long left, long right) {
        public Block {
            Field.u32("left", left);
            Field.u32("right", right);
        }
    }

    /** Builds a {@link Sack}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int length = Field.AUTO;
        private List<Block> blocks = List.of();

        private Builder() {
        }

        /** The length byte; {@link Field#AUTO} (the default) lets the encoder write the right one. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** The SACK blocks, in the order sent. */
        public Builder blocks(List<Block> blocks) {
            this.blocks = blocks;
            return this;
        }

        public Builder blocks(Block... blocks) {
            this.blocks = List.of(blocks);
            return this;
        }

        /** Adds the block {@code left..right}. */
        public Builder block(long left, long right) {
            this.blocks = new java.util.ArrayList<>(this.blocks);
            this.blocks.add(new Block(left, right));
            return this;
        }

        public Sack build() {
            return new Sack(length, blocks);
        }
    }
}
