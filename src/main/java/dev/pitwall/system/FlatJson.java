package dev.pitwall.system;

import java.util.List;
import java.util.Map;

/**
 * Writes a flat JSON object of strings, such as an alert's labels, by hand. Signals intake stores
 * the labels of every alert it takes (tens of thousands a second in a storm), and a general
 * serializer spent more on them than the insert that stores them. The output is what Jackson
 * writes for the same map, in the map's iteration order.
 */
public final class FlatJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FlatJson() {}

    /** {@code {"k":"v",…}}; a null value is written as JSON null. */
    public static String object(Map<String, String> values) {
        StringBuilder out = new StringBuilder(16 + values.size() * 24);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, entry.getKey());
            out.append(':');
            if (entry.getValue() == null) {
                out.append("null");
            } else {
                string(out, entry.getValue());
            }
        }
        return out.append('}').toString();
    }

    /** {@code [{"k":"v",…},…]}: a list of flat objects, such as a signal's links. */
    public static String objects(List<Map<String, String>> values) {
        StringBuilder out = new StringBuilder(16 + values.size() * 64).append('[');
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ",").append(object(values.get(i)));
        }
        return out.append(']').toString();
    }

    /**
     * A JSON string that is also safe inside HTML: {@code <}, {@code >} and {@code &} are written
     * as {@code \\u003C} and the like (problem details written by hand, which a browser may show).
     */
    public static String htmlSafeString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        string(out, text, true);
        return out.toString();
    }

    private static boolean escaped(char c, boolean htmlSafe) {
        return c < 0x20 || c == '"' || c == '\\' || (htmlSafe && (c == '<' || c == '>' || c == '&'));
    }

    private static void string(StringBuilder out, String text) {
        string(out, text, false);
    }

    private static void string(StringBuilder out, String text, boolean htmlSafe) {
        out.append('"');
        int plain = 0;
        while (plain < text.length() && !escaped(text.charAt(plain), htmlSafe)) {
            plain++;
        }
        // most label names and values need no escape: copy them whole
        out.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (escaped(c, htmlSafe)) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
