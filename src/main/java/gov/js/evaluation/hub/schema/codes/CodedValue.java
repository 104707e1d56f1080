package gov.js.evaluation.hub.schema.codes;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A value of a national code list: the code sent on the wire and a human label. */
public interface CodedValue {

    String code();

    String label();

    static <E extends Enum<E> & CodedValue> Optional<E> byCode(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.code().equals(code)).findFirst();
    }

    static <E extends Enum<E> & CodedValue> List<String> codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(CodedValue::code).toList();
    }
}
