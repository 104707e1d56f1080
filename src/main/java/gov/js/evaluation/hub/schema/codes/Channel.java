package gov.js.evaluation.hub.schema.codes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Rating channel (pf), in the order of GB/T 39046-2020 table 9. Sources with another numbering map to these explicitly. */
public enum Channel implements CodedValue {
    PC_WEB("1", "PC web (provincial government-service website)"),
    MOBILE("2", "mobile (APP, Alipay and WeChat mini-programs)"),
    QR_CODE("3", "QR code"),
    HALL_PAD("4", "hall PAD"),
    HALL_TERMINAL("5", "hall other terminal (rating device, self-service terminal)"),
    TELEPHONE("6", "telephone (12345 hotline)"),
    SMS("7", "SMS");

    private final String code;
    private final String label;

    Channel(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }
}
