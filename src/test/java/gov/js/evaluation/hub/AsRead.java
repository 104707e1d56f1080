package gov.js.evaluation.hub;

import java.text.Normalizer;

/**
 * A text as a person reads the digits in it, written independently of the hub's masking so that tests can find a
 * number however the hub let it through: compatibility forms read (full-width digits and Ｘ, full-width parentheses,
 * ideographic spaces), invisible characters dropped (zero-width, joiners, soft hyphens, combining marks), Chinese
 * numerals read as digits, and the separators between digits (spaces, - . and parentheses, one or two) dropped.
 */
public final class AsRead {

    private static final String[] NUMERALS = {"〇零", "一壹幺", "二贰", "三叁", "四肆", "五伍", "六陆", "七柒", "八捌", "九玖"};

    private AsRead() {
    }

    public static String digits(String text) {
        String read = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\p{Cf}\\p{Mn}\\p{Me}]", "");
        StringBuilder out = new StringBuilder(read.length());
        for (char c : read.toCharArray()) {
            int digit = -1;
            for (int d = 0; d < NUMERALS.length; d++) {
                if (NUMERALS[d].indexOf(c) >= 0) {
                    digit = d;
                }
            }
            out.append(digit >= 0 ? (char) ('0' + digit) : c);
        }
        return out.toString().replaceAll("(?<=[0-9])[.\\- ()]{1,2}(?=[0-9Xx])", "");
    }
}
