package gov.js.evaluation.hub.fuzz;

import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * ID-card and mobile numbers a fuzz run writes into records, in every form a person writes them (plain, after
 * letters, full-width, dotted, JSON-escaped is left to the body's writer), remembered so that answers, logs and clear
 * columns can be searched for them afterwards, however they were written there.
 */
final class PlantedNumbers {

    private final Set<String> numbers = ConcurrentHashMap.newKeySet();

    /** A fresh mobile or ID number, written some way. */
    String writtenSomeWay(Random random) {
        String number = random.nextBoolean() ? mobile(random) : idNumber(random);
        numbers.add(number);
        return switch (random.nextInt(6)) {
            case 0 -> number;
            case 1 -> (random.nextBoolean() ? "tel" : "ID") + number;
            case 2 -> number.chars().mapToObj(c -> c == 'X' ? "X" : String.valueOf((char) (c - '0' + '\uFF10'))).collect(Collectors.joining());
            case 3 -> number.length() == 11 ? number.substring(0, 3) + "." + number.substring(3, 7) + "." + number.substring(7) : number;
            case 4 -> number.length() == 11 ? "+86 " + number.substring(0, 3) + " " + number.substring(3, 7) + " " + number.substring(7) : number;
            default -> "请回电" + number + "谢谢";
        };
    }

    Collection<String> all() {
        return List.copyOf(numbers);
    }

    /**
     * The planted numbers a text shows to a reader: full-width digits read as digits, separators between digits
     * dropped, and every stretch of 11 or 18 characters of a run of digits (an ID number may end in X) looked up.
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
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= '\uFF10' && c <= '\uFF19' ? (char) (c - '\uFF10' + '0') : c);
        }
        return out.toString().replaceAll("(?<=[0-9])[.\\- ]{1,2}(?=[0-9])", "");
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
