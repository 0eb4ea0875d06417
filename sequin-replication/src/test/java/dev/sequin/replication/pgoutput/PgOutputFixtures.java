package dev.sequin.replication.pgoutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Captured pgoutput bytes under {@code src/test/resources/pgoutput/}: one message per line, hex,
 * as returned by {@code pg_logical_slot_get_binary_changes(slot, NULL, NULL, 'proto_version', '1',
 * 'publication_names', pub, 'messages', 'true')} from a PostgreSQL 15 server. Lines starting with
 * {@code #} are comments. See {@code pgoutput/README.md} for the SQL that produced each file.
 */
public final class PgOutputFixtures {

    private PgOutputFixtures() {
    }

    /** The raw messages of a fixture file, e.g. {@code "insert"}. */
    public static List<ByteBuffer> bytes(String name) {
        String resource = "/pgoutput/" + name + ".hex";
        try (InputStream in = PgOutputFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + resource);
            }
            List<ByteBuffer> messages = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String hex = line.strip();
                if (!hex.isEmpty() && !hex.startsWith("#")) {
                    messages.add(ByteBuffer.wrap(HexFormat.of().parseHex(hex)));
                }
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded messages of a fixture file, in order. */
    public static List<PgOutputMessage> decoded(String name) {
        PgOutputDecoder decoder = new PgOutputDecoder();
        List<PgOutputMessage> messages = new ArrayList<>();
        for (ByteBuffer buffer : bytes(name)) {
            messages.add(decoder.decode(buffer));
        }
        return messages;
    }
}
