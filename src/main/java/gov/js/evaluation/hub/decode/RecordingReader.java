package gov.js.evaluation.hub.decode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * Counts the characters a parser reads and keeps those from a point on, so that a record's exact
 * text can be cut out by the parser's character offsets. The owner drops what lies before the next
 * record ({@link #discardBefore}), so memory stays at about one record plus the parser's read-ahead.
 */
final class RecordingReader extends Reader {

    private final Reader in;
    private final StringBuilder kept = new StringBuilder();
    private long keptFrom;
    private long position;

    RecordingReader(Reader in) {
        this.in = in;
    }

    /** The payload decoded strictly with {@code charset} ({@link PayloadText}), a byte order mark skipped; null when it has no characters. */
    static Reader open(InputStream payload, Charset charset) throws IOException {
        PushbackReader in = new PushbackReader(new BufferedReader(PayloadText.open(payload, charset), 1 << 16), 1);
        int first = in.read();
        if (first == '\uFEFF') {
            first = in.read();
        }
        if (first == -1) {
            return null;
        }
        in.unread(first);
        return in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            kept.append(buf, off, n);
            position += n;
        }
        return n;
    }

    /** Characters handed to the parser so far. */
    long position() {
        return position;
    }

    /** Forgets what came before {@code offset}. */
    void discardBefore(long offset) {
        long drop = Math.min(offset, position) - keptFrom;
        if (drop > 0) {
            kept.delete(0, (int) drop);
            keptFrom += drop;
        }
    }

    /** The text between two offsets (as far as it is still kept). */
    String text(long from, long to) {
        int start = index(from);
        return kept.substring(start, Math.max(start, index(to)));
    }

    /** What was read from {@code from} on, at most {@code max} characters. */
    String textFrom(long from, int max) {
        int start = index(from);
        return kept.substring(start, Math.min(kept.length(), start + max));
    }

    /**
     * Offset of the first character after the line break that ends the line holding {@code from},
     * reading on as far as needed; -1 when the input ends first.
     */
    long nextLineStart(long from) throws IOException {
        char[] more = new char[4096];
        int i = index(from);
        while (true) {
            for (; i < kept.length(); i++) {
                char c = kept.charAt(i);
                if (c == '\n') {
                    return keptFrom + i + 1;
                }
                if (c == '\r') {
                    if (i + 1 == kept.length()) {
                        read(more, 0, 1); // just enough to see whether \n follows
                    }
                    return keptFrom + i + (i + 1 < kept.length() && kept.charAt(i + 1) == '\n' ? 2 : 1);
                }
            }
            if (read(more, 0, more.length) < 0) {
                return -1;
            }
        }
    }

    /** Whether there is a character at {@code offset}, reading on as far as needed. */
    boolean hasTextAt(long offset) throws IOException {
        char[] more = new char[4096];
        while (offset >= position) {
            if (read(more, 0, more.length) < 0) {
                return false;
            }
        }
        return offset >= keptFrom;
    }

    /** Whether the last character read is a line break. */
    boolean lastReadIsLineBreak() {
        int n = kept.length();
        return n > 0 && (kept.charAt(n - 1) == '\n' || kept.charAt(n - 1) == '\r');
    }

    /** The 1-based column of {@code offset} in its line (counted from what is still kept). */
    int columnOf(long offset) {
        int i = index(offset);
        int lineStart = i;
        while (lineStart > 0 && kept.charAt(lineStart - 1) != '\n' && kept.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        return i - lineStart + 1;
    }

    /** {@code offset}, or past the line break that starts there (as far as it has been read). */
    long afterLineBreak(long offset) {
        int i = index(offset);
        if (offset < keptFrom || i >= kept.length()) {
            return offset;
        }
        if (kept.charAt(i) == '\r') {
            return offset + (i + 1 < kept.length() && kept.charAt(i + 1) == '\n' ? 2 : 1);
        }
        return kept.charAt(i) == '\n' ? offset + 1 : offset;
    }

    /**
     * A reader that hands out again what was read from {@code offset} on, then goes on with the rest
     * of the input. Restarting a restarted reader does not nest: it stays one level deep however
     * often a reading restarts.
     */
    Reader restartAt(long offset) {
        String again = kept.substring(index(offset));
        if (in instanceof Replay previous) {
            return new Replay(again + previous.remaining(), previous.rest);
        }
        return new Replay(again, in);
    }

    /** Text to hand out first, then another reader. */
    private static final class Replay extends Reader {

        private final String again;
        private final Reader rest;
        private int next;

        Replay(String again, Reader rest) {
            this.again = again;
            this.rest = rest;
        }

        String remaining() {
            return again.substring(next);
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (next < again.length()) {
                int n = Math.min(len, again.length() - next);
                again.getChars(next, next + n, buf, off);
                next += n;
                return n;
            }
            return rest.read(buf, off, len);
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }

    private int index(long offset) {
        return (int) Math.min(kept.length(), Math.max(0, offset - keptFrom));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
