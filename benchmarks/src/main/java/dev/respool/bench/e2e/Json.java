package dev.respool.bench.e2e;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and nulls as indented JSON; a number that is NaN
 * or infinite becomes null.
 */
final class Json {

  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String string) {
      string(string, out);
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        out.append("null");
      } else if (number == Math.rint(number) && Math.abs(number) < 1e15) {
        out.append((long) number);
      } else {
        out.append(number);
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      container(map.entrySet().iterator(), '{', '}', out, indent);
    } else if (value instanceof List<?> list) {
      container(list.iterator(), '[', ']', out, indent);
    } else {
      string(value.toString(), out);
    }
  }

  private static void container(
      Iterator<?> items, char open, char close, StringBuilder out, String indent) {
    if (!items.hasNext()) {
      out.append(open).append(close);
      return;
    }
    String inner = indent + "  ";
    out.append(open);
    while (items.hasNext()) {
      Object item = items.next();
      out.append('\n').append(inner);
      if (item instanceof Map.Entry<?, ?> entry) {
        string(String.valueOf(entry.getKey()), out);
        out.append(": ");
        write(entry.getValue(), out, inner);
      } else {
        write(item, out, inner);
      }
      if (items.hasNext()) {
        out.append(',');
      }
    }
    out.append('\n').append(indent).append(close);
  }

  private static void string(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
