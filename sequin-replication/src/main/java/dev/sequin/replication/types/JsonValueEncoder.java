package dev.sequin.replication.types;

import dev.sequin.message.JsonText;

/**
 * Encodes one Postgres text value as JSON text, per contract §1.8. Pure and stateless beyond its
 * options; thread-safe.
 *
 * <p>Callers write SQL NULL ({@code null}) themselves: the encoder only sees present values.
 */
public final class JsonValueEncoder {

    private final EncodingOptions options;

    public JsonValueEncoder(EncodingOptions options) {
        this.options = options;
    }

    /**
     * Appends the JSON for {@code text}, a value of {@code type} in Postgres text form.
     *
     * @throws ValueEncodingException if the value cannot be encoded (invalid {@code json}, or text
     *                                not in the form the session settings promise); {@code out}
     *                                is then left as it was
     */
    public void encode(ValueType type, String text, StringBuilder out) throws ValueEncodingException {
        int mark = out.length();
        try {
            append(type, text, out);
        } catch (ValueEncodingException e) {
            out.setLength(mark);
            throw e;
        }
    }

    /** The JSON for one value, as a string (tests and one-off use; the hot path appends). */
    public String encode(ValueType type, String text) throws ValueEncodingException {
        StringBuilder out = new StringBuilder(text.length() + 2);
        append(type, text, out);
        return out.toString();
    }

    private void append(ValueType type, String text, StringBuilder out) throws ValueEncodingException {
        switch (type.kind()) {
            case BOOL -> {
                if (text.equals("t")) {
                    out.append("true");
                } else if (text.equals("f")) {
                    out.append("false");
                } else {
                    JsonText.appendString(out, text);
                }
            }
            case INTEGER -> out.append(text);
            case FLOAT -> appendNumberUnlessSpecial(out, text);
            case NUMERIC -> {
                if (options.numericFormat() == NumericFormat.NUMBER) {
                    appendNumberUnlessSpecial(out, text);
                } else {
                    JsonText.appendString(out, text);
                }
            }
            case JSON, VECTOR -> CompactJson.appendCompact(out, text, type.name());
            case TIMESTAMP -> DateTimes.appendTimestamp(out, text, false);
            case TIMESTAMPTZ -> DateTimes.appendTimestamp(out, text, true);
            case TIME -> DateTimes.appendTime(out, text);
            case INTERVAL -> Intervals.append(out, text, type.name());
            case ARRAY -> PgArrays.append(out, text, type, this);
            case STRING -> JsonText.appendString(out, text);
            default -> throw new IllegalStateException("Unhandled kind " + type.kind());
        }
    }

    /** {@code NaN}, {@code Infinity} and {@code -Infinity} are not JSON numbers: Sequin sends the text. */
    private static void appendNumberUnlessSpecial(StringBuilder out, String text) {
        char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        if (last == 'N' || last == 'y') {
            JsonText.appendString(out, text);
        } else {
            out.append(text);
        }
    }
}
