package dev.sequin.replication.pgoutput;

import dev.sequin.message.Lsn;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one pgoutput message (protocol version 1, text tuples, {@code messages 'true'}) from the
 * bytes of one {@code XLogData} payload or one {@code pg_logical_slot_get_binary_changes} row.
 *
 * <p>Pure: no I/O, no configuration, no state carried between messages. Not thread-safe (it keeps a
 * scratch buffer for direct buffers); use one decoder per replication stream.
 *
 * <p>The hot path reads straight from the buffer's backing array and decodes each value with
 * {@code new String(bytes, offset, length, UTF_8)}, which the JDK intrinsifies for ASCII: one
 * {@code String} per non-null value and two arrays per tuple are the only allocations per row.
 */
public final class PgOutputDecoder {

    /** Microseconds from 1970-01-01 (Unix epoch) to 2000-01-01 (Postgres epoch). */
    static final long POSTGRES_EPOCH_OFFSET_MICROS = 946_684_800_000_000L;

    private byte[] bytes;
    private int pos;
    private int end;
    private int start;
    private char type;
    private byte[] scratch = new byte[0];

    /**
     * Decodes the message between the buffer's position and limit. The buffer itself (position,
     * limit, contents) is left unchanged.
     *
     * @throws PgOutputProtocolException for an unknown message type or malformed bytes
     */
    public PgOutputMessage decode(ByteBuffer buffer) {
        int length = buffer.remaining();
        if (buffer.hasArray()) {
            bytes = buffer.array();
            start = buffer.arrayOffset() + buffer.position();
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, 2 * scratch.length)];
            }
            buffer.duplicate().get(scratch, 0, length);
            bytes = scratch;
            start = 0;
        }
        pos = start;
        end = start + length;
        type = '?';
        need(1);
        byte tag = bytes[pos++];
        type = (char) tag;
        try {
            return switch (tag) {
                case 'B' -> begin();
                case 'C' -> commit();
                case 'O' -> new PgOutputMessage.Origin(lsn(), string());
                case 'R' -> relation();
                case 'Y' -> new PgOutputMessage.Type(int32(), string(), string());
                case 'I' -> insert();
                case 'U' -> update();
                case 'D' -> delete();
                case 'T' -> truncate();
                case 'M' -> logicalMessage();
                default -> throw PgOutputProtocolException.unknownMessageType(tag);
            };
        } finally {
            bytes = null; // do not pin the caller's buffer
        }
    }

    private PgOutputMessage.Begin begin() {
        Lsn finalLsn = lsn();
        long timestamp = timestamp();
        return new PgOutputMessage.Begin(finalLsn, timestamp, int32());
    }

    private PgOutputMessage.Commit commit() {
        int flags = int8();
        Lsn commitLsn = lsn();
        Lsn endLsn = lsn();
        return new PgOutputMessage.Commit(flags, commitLsn, endLsn, timestamp());
    }

    private PgOutputMessage.Relation relation() {
        int relationId = int32();
        String namespace = string();
        String name = string();
        char replicaIdentity = (char) int8();
        int count = int16();
        List<PgOutputMessage.Relation.Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (int8() & 1) != 0;
            String column = string();
            int typeOid = int32();
            columns.add(new PgOutputMessage.Relation.Column(key, column, typeOid, int32()));
        }
        return new PgOutputMessage.Relation(relationId, namespace, name, replicaIdentity, columns);
    }

    private PgOutputMessage.Insert insert() {
        int relationId = int32();
        expect('N');
        return new PgOutputMessage.Insert(relationId, tuple());
    }

    private PgOutputMessage.Update update() {
        int relationId = int32();
        char marker = (char) int8();
        char oldKind = PgOutputMessage.Update.NO_OLD_TUPLE;
        TupleData oldTuple = null;
        if (marker == 'K' || marker == 'O') {
            oldKind = marker;
            oldTuple = tuple();
            marker = (char) int8();
        }
        if (marker != 'N') {
            throw PgOutputProtocolException.unexpected(type, "expected 'N' before the new tuple, found '" + marker + "'", pos - 1 - start);
        }
        return new PgOutputMessage.Update(relationId, oldKind, oldTuple, tuple());
    }

    private PgOutputMessage.Delete delete() {
        int relationId = int32();
        char oldKind = (char) int8();
        if (oldKind != 'K' && oldKind != 'O') {
            throw PgOutputProtocolException.unexpected(type, "expected 'K' or 'O', found '" + oldKind + "'", pos - 1 - start);
        }
        return new PgOutputMessage.Delete(relationId, oldKind, tuple());
    }

    private PgOutputMessage.Truncate truncate() {
        int count = int32();
        int options = int8();
        if (count < 0 || (long) count * 4 > end - pos) {
            throw PgOutputProtocolException.truncated(type, count * 4, pos - start, end - start);
        }
        int[] relationIds = new int[count];
        for (int i = 0; i < count; i++) {
            relationIds[i] = int32();
        }
        return new PgOutputMessage.Truncate(options, relationIds);
    }

    private PgOutputMessage.LogicalMessage logicalMessage() {
        boolean transactional = (int8() & 1) != 0;
        Lsn lsn = lsn();
        String prefix = string();
        int length = length();
        byte[] content = new byte[length];
        System.arraycopy(bytes, pos, content, 0, length);
        pos += length;
        return new PgOutputMessage.LogicalMessage(transactional, lsn, prefix, content);
    }

    private TupleData tuple() {
        int count = int16();
        byte[] kinds = new byte[count];
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            need(1);
            byte kind = bytes[pos++];
            kinds[i] = kind;
            if (kind == TupleData.TEXT) {
                int length = length();
                texts[i] = new String(bytes, pos, length, StandardCharsets.UTF_8);
                pos += length;
            } else if (kind != TupleData.NULL && kind != TupleData.UNCHANGED_TOAST) {
                // 'b' only comes with the 'binary' option, which we never request.
                throw PgOutputProtocolException.unexpected(type, "unsupported tuple value kind '" + (char) kind + "' in column " + i, pos - 1 - start);
            }
        }
        return new TupleData(kinds, texts);
    }

    private void expect(char marker) {
        char found = (char) int8();
        if (found != marker) {
            throw PgOutputProtocolException.unexpected(type, "expected '" + marker + "', found '" + found + "'", pos - 1 - start);
        }
    }

    /** A null-terminated string. */
    private String string() {
        int zero = pos;
        while (zero < end && bytes[zero] != 0) {
            zero++;
        }
        if (zero == end) {
            throw PgOutputProtocolException.unexpected(type, "string without terminator", pos - start);
        }
        String s = new String(bytes, pos, zero - pos, StandardCharsets.UTF_8);
        pos = zero + 1;
        return s;
    }

    /** An Int32 length followed by that many bytes, checked to be present. */
    private int length() {
        int length = int32();
        if (length < 0) {
            throw PgOutputProtocolException.unexpected(type, "negative length " + length, pos - 4 - start);
        }
        need(length);
        return length;
    }

    private Lsn lsn() {
        return Lsn.of(int64());
    }

    private long timestamp() {
        return int64() + POSTGRES_EPOCH_OFFSET_MICROS;
    }

    private int int8() {
        need(1);
        return bytes[pos++] & 0xff;
    }

    private int int16() {
        need(2);
        int v = (bytes[pos] & 0xff) << 8 | (bytes[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private int int32() {
        need(4);
        int v = (bytes[pos] & 0xff) << 24 | (bytes[pos + 1] & 0xff) << 16 | (bytes[pos + 2] & 0xff) << 8 | (bytes[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long int64() {
        need(8);
        long high = int32() & 0xFFFFFFFFL;
        return high << 32 | (int32() & 0xFFFFFFFFL);
    }

    private void need(int n) {
        if (end - pos < n) {
            throw PgOutputProtocolException.truncated(type, n, pos - start, end - start);
        }
    }
}
