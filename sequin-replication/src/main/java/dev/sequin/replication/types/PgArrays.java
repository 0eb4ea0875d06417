package dev.sequin.replication.types;

/**
 * Postgres array text ({@code {1,2,NULL}}, {@code {{"a b","c\"d"},{e,NULL}}},
 * {@code [2:3]={1,2}}, box arrays with {@code ;} between elements) to nested JSON arrays, each
 * element encoded as its element type. Bounds decorations are dropped: JSON arrays start at 0.
 * An unquoted {@code NULL} is SQL NULL; a quoted one is the string.
 */
final class PgArrays {

    private PgArrays() {
    }

    static void append(StringBuilder out, String text, ValueType arrayType, JsonValueEncoder encoder)
            throws ValueEncodingException {
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '[') {
            i = text.indexOf('=');
            if (i < 0) {
                throw malformed(arrayType, "dimension decoration without '='");
            }
            i++;
        }
        if (i >= n || text.charAt(i) != '{') {
            throw malformed(arrayType, "expected '{' at character " + i);
        }
        i = appendLevel(out, text, i, arrayType, encoder);
        if (i != n) {
            throw malformed(arrayType, "unexpected characters after the array at character " + i);
        }
    }

    /** Encodes the level starting at the '{' at {@code i}; returns the index after its '}'. */
    private static int appendLevel(StringBuilder out, String text, int i, ValueType arrayType, JsonValueEncoder encoder)
            throws ValueEncodingException {
        ValueType elementType = arrayType.element();
        char delimiter = arrayType.delimiter();
        int n = text.length();
        out.append('[');
        i++;
        if (i < n && text.charAt(i) == '}') {
            out.append(']');
            return i + 1;
        }
        StringBuilder element = null;
        while (true) {
            if (i >= n) {
                throw malformed(arrayType, "unterminated array");
            }
            char c = text.charAt(i);
            if (c == '{') {
                i = appendLevel(out, text, i, arrayType, encoder);
            } else if (c == '"') {
                if (element == null) {
                    element = new StringBuilder();
                }
                element.setLength(0);
                i++;
                while (true) {
                    if (i >= n) {
                        throw malformed(arrayType, "unterminated quoted element");
                    }
                    c = text.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= n) {
                            throw malformed(arrayType, "dangling backslash");
                        }
                        c = text.charAt(i++);
                    }
                    element.append(c);
                }
                encoder.encode(elementType, element.toString(), out);
            } else {
                int start = i;
                while (i < n && text.charAt(i) != delimiter && text.charAt(i) != '}') {
                    i++;
                }
                if (i == start) {
                    throw malformed(arrayType, "empty element at character " + i);
                }
                if (i - start == 4 && text.regionMatches(true, start, "NULL", 0, 4)) {
                    out.append("null");
                } else {
                    encoder.encode(elementType, text.substring(start, i), out);
                }
            }
            if (i >= n) {
                throw malformed(arrayType, "unterminated array");
            }
            c = text.charAt(i++);
            if (c == '}') {
                out.append(']');
                return i;
            }
            if (c != delimiter) {
                throw malformed(arrayType, "expected '" + delimiter + "' or '}' at character " + (i - 1));
            }
            out.append(',');
        }
    }

    private static ValueEncodingException malformed(ValueType arrayType, String problem) {
        return ValueEncodingException.malformed(arrayType.name(), problem);
    }
}
