package gov.js.evaluation.hub.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * The characters of a payload in its adapter's charset, decoded strictly: bytes that are no character of the charset
 * (invalid UTF-8, a broken GBK pair) refuse the payload ({@link UnparseableBodyException}, naming the byte offset, the
 * line and the column) instead of becoming U+FFFD, which would store a text the sender never wrote. A UTF-8 byte order
 * mark at the start (EF BB BF) is skipped whatever the charset: exports written as GBK often still begin with one, and
 * read as GBK it would glue two characters to the first column's name.
 */
public final class PayloadText extends Reader {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    /** Bytes read and not yet decoded (read mode). */
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    /** A character decoded that did not fit into the caller's buffer (the low half of a pair asked for one char). */
    private final CharBuffer spare = CharBuffer.allocate(2).flip();
    /** Bytes of the payload before {@link #bytes}' start (the byte order mark included). */
    private long bytesBefore;
    private boolean endOfInput;
    private boolean flushing;
    private boolean done;
    private int line = 1;
    private int column = 1;

    private PayloadText(InputStream in, Charset charset, long skipped) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytesBefore = skipped;
    }

    /** The payload's characters, a UTF-8 byte order mark at its start skipped. */
    public static Reader open(InputStream payload, Charset charset) throws IOException {
        PushbackInputStream in = new PushbackInputStream(payload, UTF8_BOM.length);
        byte[] head = in.readNBytes(UTF8_BOM.length);
        boolean bom = Arrays.equals(head, UTF8_BOM);
        if (!bom) {
            in.unread(head);
        }
        return new PayloadText(in, charset, bom ? UTF8_BOM.length : 0);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (spare.hasRemaining()) {
            int n = Math.min(len, spare.remaining());
            spare.get(buf, off, n);
            return counted(buf, off, n);
        }
        while (true) {
            if (done) {
                return -1;
            }
            CharBuffer out = len == 1 ? spare.clear() : CharBuffer.wrap(buf, off, len);
            CoderResult result = flushing ? decoder.flush(out) : decoder.decode(bytes, out, endOfInput);
            if (endOfInput && !flushing && result.isUnderflow()) {
                flushing = true;
                result = decoder.flush(out);
            }
            done = flushing && result.isUnderflow();
            int n = out.position() - (len == 1 ? 0 : off);
            if (len == 1) {
                spare.flip();
            }
            if (n > 0) {
                if (len == 1) {
                    buf[off] = spare.get();
                }
                return counted(buf, off, len == 1 ? 1 : n);
            }
            if (result.isError()) {
                throw notOfTheCharset();
            }
            if (result.isUnderflow() && !endOfInput) {
                fill();
            }
        }
    }

    private void fill() throws IOException {
        if (endOfInput) {
            return;
        }
        bytesBefore += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private int counted(char[] buf, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (buf[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return n;
    }

    private UnparseableBodyException notOfTheCharset() {
        long at = bytesBefore + bytes.position() + 1;
        return new UnparseableBodyException("the body is not valid " + charset.name() + " text: byte " + at + " (line " + line
                + ", column " + column + ") begins no " + charset.name() + " character; send the text in " + charset.name()
                + " (the adapter's charset), whose every byte sequence stands for a character", line, column);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
