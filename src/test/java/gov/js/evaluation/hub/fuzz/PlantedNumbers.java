package gov.js.evaluation.hub.fuzz;

import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * ID-card and mobile numbers a fuzz run writes into records, in every form a person writes them (plain, after
 * letters, full-width with a full-width check digit, dotted, grouped 3-4-4, 4-4-3 and 6-8-4 with spaces or dashes, in
 * parentheses, with invisible characters between the digits, in Chinese numerals; JSON-escaped is left to the body's
 * writer), remembered so that answers, logs and clear
 * columns can be searched for them afterwards, however they were written there.
 */
final class PlantedNumbers {

    private final Set<String> numbers = ConcurrentHashMap.newKeySet();

    /** A fresh mobile or ID number, written some way. */
    String writtenSomeWay(Random random) {
        String number = random.nextBoolean() ? mobile(random) : idNumber(random);
        numbers.add(number);
        boolean mobile = number.length() == 11;
        return switch (random.nextInt(11)) {
            case 0 -> number;
            case 1 -> (random.nextBoolean() ? "tel" : "ID") + number;
            case 2 -> fullWidth(number, random.nextBoolean() ? '\uFF38' : '\uFF58'); // the check digit Ｘ or ｘ
            case 3 -> mobile ? number.substring(0, 3) + "." + number.substring(3, 7) + "." + number.substring(7) : number;
            case 4 -> mobile ? "+86 " + number.substring(0, 3) + " " + number.substring(3, 7) + " " + number.substring(7) : number;
            case 5 -> mobile ? "(" + number.substring(0, 3) + ")" + number.substring(3) // (139)12345678
                    : number.substring(0, 6) + " " + number.substring(6, 14) + " " + number.substring(14); // 320102 19660606 1239
            case 6 -> String.join(List.of("\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad").get(random.nextInt(5)), number.split(""));
            case 7 -> mobile ? number.substring(0, 4) + " " + number.substring(4, 8) + " " + number.substring(8) // 1391 2345 678
                    : number.substring(0, 6) + "-" + number.substring(6, 14) + "-" + number.substring(14);
            case 8 -> chinese(number, random);
            case 9 -> mobile ? "（" + number.substring(0, 3) + "）" + number.substring(3, 7) + "\u3000" + number.substring(7) : number.toLowerCase();
            default -> "请回电" + number + "谢谢";
        };
    }

    private static String fullWidth(String number, char check) {
        return number.chars().mapToObj(c -> c == 'X' ? String.valueOf(check) : String.valueOf((char) (c - '0' + '\uFF10')))
                .collect(Collectors.joining());
    }

    /** The digits as Chinese numerals (〇一二… or the financial 壹贰叁…; 幺 for 1 as read aloud). */
    private static String chinese(String number, Random random) {
        String numerals = List.of("〇一二三四五六七八九", "零壹贰叁肆伍陆柒捌玖", "〇幺二三四五六七八九").get(random.nextInt(3));
        return number.chars().mapToObj(c -> c == 'X' ? "X" : String.valueOf(numerals.charAt(c - '0'))).collect(Collectors.joining());
    }

    Collection<String> all() {
        return List.copyOf(numbers);
    }

    /**
     * The planted numbers a text shows to a reader: its compatibility forms read (full-width digits and Ｘ, full-width
     * parentheses), invisible characters dropped, Chinese numerals read as digits, separators between digits dropped,
     * and every stretch of 11 or 18 characters of a run of digits (an ID number may end in X) looked up.
     */
    List<String> foundIn(String text) {
        if (text == null || numbers.isEmpty()) {
            return List.of();
        }
        List<String> found = new java.util.ArrayList<>();
        java.util.regex.Matcher run = DIGIT_RUN.matcher(folded(text));
        while (run.find()) {
            String digits = run.group().toUpperCase();
            for (int length : new int[] {11, 18}) {
                for (int i = 0; i + length <= digits.length(); i++) {
                    String candidate = digits.substring(i, i + length);
                    if (numbers.contains(candidate)) {
                        found.add(candidate);
                    }
                }
            }
        }
        return found;
    }

    private static final java.util.regex.Pattern DIGIT_RUN = java.util.regex.Pattern.compile("[0-9]{11,}[Xx]?");
    static String folded(String text) {
        return gov.js.evaluation.hub.AsRead.digits(text);
    }

    static String mobile(Random random) {
        return "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
    }

    /** A resident ID number with a valid GB 11643 check digit. */
    static String idNumber(Random random) {
        String body = "3201" + String.format("%02d", random.nextInt(20)) + (1950 + random.nextInt(60))
                + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
