package gov.js.evaluation.hub.adapter.mapping;

/** Region codes arrive as 6 digits or padded to 12; the unified form is always 12 digits. */
public final class RegionCode {

    private RegionCode() {
    }

    /** 320500 → 320500000000; 12 digits stay; anything else is returned unchanged for validation to name. */
    public static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip();
        if (c.matches("[0-9]{6}")) {
            return c + "000000";
        }
        return c;
    }
}
