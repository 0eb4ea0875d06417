package dev.sequin.replication.types;

/**
 * Validates JSON text and copies it without insignificant whitespace, without building a tree.
 * Used for {@code json}/{@code jsonb} column values (already JSON: validated and copied, never
 * re-serialised, so big numbers, key order and duplicate keys survive as Postgres sent them) and
 * for transaction annotations. Quoting strings is {@link dev.sequin.message.JsonText}'s job.
 */
public final class CompactJson {

    private CompactJson() {
    }

    /**
     * The JSON text {@code json} without insignificant whitespace.
     *
     * @throws ValueEncodingException if {@code json} is not one valid JSON value (RFC 8259)
     */
    public static String compact(String json) throws ValueEncodingException {
        StringBuilder out = new StringBuilder(json.length());
        appendCompact(out, json, "json");
        return out.toString();
    }

    /**
     * Validates {@code json} and appends it without insignificant whitespace. Iterative, so
     * deeply nested documents cannot overflow the stack. On failure {@code out} may hold a partial
     * copy; callers discard it.
     *
     * @param typeName named in the exception
     */
    static void appendCompact(StringBuilder out, String json, String typeName) throws ValueEncodingException {
        Validator v = new Validator(json, out, typeName);
        v.run();
    }

    private static final class Validator {
        private final String s;
        private final StringBuilder out;
        private final String typeName;
        private final int n;
        private int i;
        private boolean[] objectAt = new boolean[8];
        private int depth;

        Validator(String s, StringBuilder out, String typeName) {
            this.s = s;
            this.out = out;
            this.typeName = typeName;
            this.n = s.length();
        }

        void run() throws ValueEncodingException {
            skipWhitespace();
            value:
            while (true) {
                char c = peek("a value");
                if (c == '{' || c == '[') {
                    boolean object = c == '{';
                    out.append(c);
                    i++;
                    skipWhitespace();
                    if (peek("a value") == (object ? '}' : ']')) {
                        out.append(s.charAt(i++));
                    } else {
                        push(object);
                        if (object) {
                            key();
                        }
                        continue;
                    }
                } else if (c == '"') {
                    string();
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else if (!literal("true") && !literal("false") && !literal("null")) {
                    throw error("unexpected character");
                }
                // A value is complete: close containers or move to the next element.
                while (true) {
                    skipWhitespace();
                    if (depth == 0) {
                        if (i != n) {
                            throw error("unexpected characters after the value");
                        }
                        return;
                    }
                    boolean object = objectAt[depth - 1];
                    c = peek(object ? "',' or '}'" : "',' or ']'");
                    if (c == ',') {
                        out.append(',');
                        i++;
                        skipWhitespace();
                        if (object) {
                            key();
                        }
                        continue value;
                    }
                    if (c != (object ? '}' : ']')) {
                        throw error(object ? "expected ',' or '}'" : "expected ',' or ']'");
                    }
                    out.append(c);
                    i++;
                    depth--;
                }
            }
        }

        private void key() throws ValueEncodingException {
            if (peek("an object key") != '"') {
                throw error("expected an object key");
            }
            string();
            skipWhitespace();
            if (peek("':'") != ':') {
                throw error("expected ':'");
            }
            out.append(':');
            i++;
            skipWhitespace();
        }

        private void string() throws ValueEncodingException {
            int start = i++;
            while (true) {
                if (i >= n) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw error("unescaped control character in a string");
                }
                if (c == '\\') {
                    char e = peek("an escape");
                    i++;
                    if (e == 'u') {
                        for (int k = 0; k < 4; k++) {
                            if (Character.digit(peek("a hex digit"), 16) < 0) {
                                throw error("bad \\u escape");
                            }
                            i++;
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw error("bad escape");
                    }
                }
            }
            out.append(s, start, i);
        }

        private void number() throws ValueEncodingException {
            int start = i;
            if (s.charAt(i) == '-') {
                i++;
            }
            if (peek("a digit") == '0') {
                i++;
            } else if (digits() == 0) {
                throw error("bad number");
            }
            if (i < n && s.charAt(i) == '.') {
                i++;
                if (digits() == 0) {
                    throw error("bad number");
                }
            }
            if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                if (digits() == 0) {
                    throw error("bad number");
                }
            }
            out.append(s, start, i);
        }

        private int digits() {
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            return i - start;
        }

        private boolean literal(String word) {
            if (s.startsWith(word, i)) {
                out.append(word);
                i += word.length();
                return true;
            }
            return false;
        }

        private void push(boolean object) {
            if (depth == objectAt.length) {
                objectAt = java.util.Arrays.copyOf(objectAt, depth * 2);
            }
            objectAt[depth++] = object;
        }

        private char peek(String expected) throws ValueEncodingException {
            if (i >= n) {
                throw error("unexpected end, expected " + expected);
            }
            return s.charAt(i);
        }

        private void skipWhitespace() {
            while (i < n) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                i++;
            }
        }

        private ValueEncodingException error(String problem) {
            return ValueEncodingException.invalidJson(typeName, problem, i);
        }
    }
}
