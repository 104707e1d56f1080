package gov.js.evaluation.hub.fuzz;

/** Byte-level edits of a body, for the fuzzers. */
public final class Bytes {

    private Bytes() {
    }

    /** {@code body} with {@code remove} bytes at {@code at} replaced by {@code insert}. */
    public static byte[] splice(byte[] body, int at, int remove, byte[] insert) {
        byte[] out = new byte[body.length - remove + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at + remove, out, at + insert.length, body.length - at - remove);
        return out;
    }
}
