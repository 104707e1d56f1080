package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigProblems;
import gov.js.evaluation.hub.config.ConfigSchema;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Region names to GB/T 2260 codes, from a shared table ({@code mappings/codes/regions-jiangsu.yaml}):
 * a city or district name, or a district after its city (南京市玄武区), optionally after the province
 * (江苏省苏州市姑苏区). Names that stand for several regions are refused with the table's reason.
 */
public final class RegionTable {

    /** The answer for one name: a 12-digit code, or why there is none. */
    public record Lookup(String code, String problem) {

        static Lookup found(String sixDigits) {
            return new Lookup(sixDigits + "000000", null);
        }

        static Lookup refused(String problem) {
            return new Lookup(null, problem);
        }
    }

    private final String name;
    /** Every name (official and other) of the province and the cities, and of the districts, to its code. */
    private final Map<String, String> byName;
    private final Map<String, String> ambiguous;
    /** Code to its official name (the first listed). */
    private final Map<String, String> official;
    /** Province and city names, longest first, for reading a name as prefix + district. */
    private final List<String> prefixes;

    private RegionTable(String name, Map<String, String> byName, Map<String, String> ambiguous, Map<String, String> official) {
        this.name = name;
        this.official = Map.copyOf(official);
        this.byName = Map.copyOf(byName);
        this.ambiguous = Map.copyOf(ambiguous);
        this.prefixes = byName.entrySet().stream().filter(e -> !isDistrict(e.getValue())).map(Map.Entry::getKey)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String name() {
        return name;
    }

    /** Reads and checks a table file through its schema; every mistake names the file, the line and the entry. */
    public static RegionTable load(Path file, String name) {
        ConfigFile f = ConfigFiles.read(file, ConfigSchema.REGION_TABLE);
        JsonNode regions = f.root().get("regions");
        ConfigProblems problems = new ConfigProblems();
        Map<String, String> byName = new LinkedHashMap<>();
        Map<String, String> official = new HashMap<>();
        for (String code : regions.propertyNames()) {
            String at = "regions." + code;
            if (isDistrict(code) && !regions.has(parentOf(code))) {
                problems.add(f.problem(at, "its city " + parentOf(code) + " is not in the table"));
            }
            for (JsonNode n : regions.get(code)) {
                String regionName = compact(n.asString());
                if (regionName.isEmpty()) {
                    problems.add(f.problem(at, "names must be non-empty text"));
                    continue;
                }
                official.putIfAbsent(code, regionName);
                String other = byName.putIfAbsent(regionName, code);
                if (other != null && !other.equals(code)) {
                    problems.add(f.problem(at, "'" + regionName + "' is also the name of " + other
                            + " (list a name that stands for several regions under 'ambiguous')"));
                }
            }
        }
        problems.throwIfAny();
        Map<String, String> ambiguous = new HashMap<>();
        f.root().path("ambiguous").properties().forEach(e -> ambiguous.put(compact(e.getKey()), e.getValue().asString()));
        return new RegionTable(name, byName, ambiguous, official);
    }

    /** The code of a region name (see the class comment for the forms understood). */
    public Lookup lookup(String regionName) {
        String s = compact(regionName);
        Lookup whole = direct(s);
        if (whole != null) {
            return whole;
        }
        String rest = s;
        for (String prefix : prefixes) {
            if (isProvince(byName.get(prefix)) && s.length() > prefix.length() && s.startsWith(prefix)) {
                rest = s.substring(prefix.length());
                break;
            }
        }
        Lookup direct = direct(rest);
        if (direct != null) {
            return direct;
        }
        for (String prefix : prefixes) {
            String city = byName.get(prefix);
            if (!isProvince(city) && rest.length() > prefix.length() && rest.startsWith(prefix)) {
                String district = rest.substring(prefix.length());
                String code = byName.get(district);
                if (code != null && isDistrict(code) && parentOf(code).equals(city)) {
                    return Lookup.found(code);
                }
                return Lookup.refused("names a district that is not one of " + officialName(city) + " in table '" + name + "'");
            }
        }
        return Lookup.refused("is not a region name in table '" + name + "'");
    }

    private Lookup direct(String s) {
        if (ambiguous.containsKey(s)) {
            return Lookup.refused("is a region name that is ambiguous in table '" + name + "': " + ambiguous.get(s));
        }
        String code = byName.get(s);
        return code == null ? null : Lookup.found(code);
    }

    private String officialName(String code) {
        return official.getOrDefault(code, code);
    }

    private static String compact(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\u3000]+", "");
    }

    private static boolean isProvince(String code) {
        return code.endsWith("0000");
    }

    private static boolean isDistrict(String code) {
        return !code.endsWith("00");
    }

    private static String parentOf(String districtCode) {
        return districtCode.substring(0, 4) + "00";
    }
}
