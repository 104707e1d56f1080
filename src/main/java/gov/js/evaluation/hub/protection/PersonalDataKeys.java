package gov.js.evaluation.hub.protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SM4 key ring and the blind-index key, checked at start-up. Without configured keys, in development mode
 * only (a developer's machine), they are generated once into a file beside the embedded database, so restarts
 * can still read what was stored; production configures them (HUB_PERSONALDATA_KEYS_*) and never uses that file.
 */
public final class PersonalDataKeys {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeys.class);
    private static final String ACTIVE = "active-key-id";
    private static final String BLIND = "blind-index-key";
    private static final String KEY_PREFIX = "keys.";

    /** A key id; the rules of the keys, also checked when the settings are bound (PersonalDataProperties). */
    public static final String KEY_ID = "[A-Za-z0-9_-]{1,16}";
    public static final String KEY_ID_RULE = "key id must be 1-16 letters, digits, '-' or '_'";
    public static final String SM4_KEY_HEX = "\\s*\\p{XDigit}{32}\\s*";
    public static final String SM4_KEY_RULE = "must be 32 hex digits (an SM4 key is 128 bits)";
    public static final String BLIND_INDEX_KEY_HEX = "\\s*(\\p{XDigit}{2}){16,}\\s*";
    public static final String BLIND_INDEX_KEY_RULE = "must be at least 32 hex digits";

    private final Map<String, byte[]> sm4Keys;
    private final String activeKeyId;
    private final byte[] blindIndexKey;

    private PersonalDataKeys(Map<String, byte[]> sm4Keys, String activeKeyId, byte[] blindIndexKey) {
        this.sm4Keys = sm4Keys;
        this.activeKeyId = activeKeyId;
        this.blindIndexKey = blindIndexKey;
    }

    /** The configured keys; without any, development keys from (or generated into) the file, in development mode only. */
    public static PersonalDataKeys from(PersonalDataProperties properties, boolean developmentMode) {
        if (properties.configured()) {
            return of(properties.keys(), properties.activeKeyId(), properties.blindIndexKey(), "hub.personal-data");
        }
        if (!developmentMode) {
            throw new IllegalStateException("no hub.personal-data.keys are configured (generated keys only in hub.development-mode)");
        }
        return developmentKeys(properties.developmentKeysFile());
    }

    static PersonalDataKeys of(Map<String, String> hexKeys, String activeKeyId, String blindIndexHex, String where) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        hexKeys.forEach((id, hex) -> {
            if (!id.matches(KEY_ID)) {
                throw new IllegalStateException(where + ".keys: '" + id + "': " + KEY_ID_RULE);
            }
            byte[] key = decodeHex(hex, where + ".keys." + id);
            if (key.length != 16) {
                throw new IllegalStateException(where + ".keys." + id + " " + SM4_KEY_RULE);
            }
            keys.put(id, key);
        });
        if (activeKeyId == null || !keys.containsKey(activeKeyId)) {
            throw new IllegalStateException(where + ".active-key-id must name one of " + keys.keySet() + ", was " + activeKeyId);
        }
        byte[] blind = decodeHex(blindIndexHex, where + ".blind-index-key");
        if (blind.length < 16) {
            throw new IllegalStateException(where + ".blind-index-key " + BLIND_INDEX_KEY_RULE);
        }
        return new PersonalDataKeys(Map.copyOf(keys), activeKeyId, blind);
    }

    private static byte[] decodeHex(String hex, String name) {
        if (hex == null || hex.isBlank()) {
            throw new IllegalStateException(name + " is missing");
        }
        try {
            return Hex.decode(hex.trim());
        } catch (DecoderException e) {
            throw new IllegalStateException(name + " is not hex");
        }
    }

    private static PersonalDataKeys developmentKeys(Path file) {
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
            } else {
                SecureRandom random = new SecureRandom();
                p.setProperty(KEY_PREFIX + "dev1", Hex.toHexString(random.generateSeed(16)));
                p.setProperty(ACTIVE, "dev1");
                p.setProperty(BLIND, Hex.toHexString(random.generateSeed(32)));
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    p.store(out, "Development keys of the personal data at rest: configure hub.personal-data.* in production");
                }
                log.warn("Development mode without hub.personal-data keys: generated development keys in {}. Losing that file "
                        + "makes the personal data stored with them unreadable", file.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the development keys file " + file, e);
        }
        Map<String, String> hexKeys = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(n -> n.startsWith(KEY_PREFIX))
                .forEach(n -> hexKeys.put(n.substring(KEY_PREFIX.length()), p.getProperty(n)));
        return of(hexKeys, p.getProperty(ACTIVE), p.getProperty(BLIND), file.toString());
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    byte[] sm4Key(String keyId) {
        byte[] key = sm4Keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("personal data encrypted with key id '" + keyId
                    + "', which is not configured (hub.personal-data.keys)");
        }
        return key;
    }

    byte[] blindIndexKey() {
        return blindIndexKey;
    }
}
