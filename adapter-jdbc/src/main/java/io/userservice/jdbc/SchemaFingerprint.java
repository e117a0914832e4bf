package io.userservice.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The SHA-256 digest of the changelog (the master file and every file it includes), recorded in
 * the database after each successful migration. When the database already records the digest of
 * the changelog this build ships, nothing can have changed and the start skips Liquibase, which
 * costs about a second of class loading and changelog parsing even when there is nothing to do.
 * Any change to any changelog file changes the digest, so Liquibase runs again.
 */
final class SchemaFingerprint {

    private static final Pattern INCLUDED_FILE = Pattern.compile("^\\s*-?\\s*file:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    private static final int ROW_ID = 1;

    private SchemaFingerprint() {
    }

    /** The digest of the changelog at this classpath location and the files it includes. */
    static String of(String changelog) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String master = new String(read(changelog), StandardCharsets.UTF_8);
            update(digest, changelog, master.getBytes(StandardCharsets.UTF_8));
            String directory = changelog.substring(0, changelog.lastIndexOf('/') + 1);
            Matcher included = INCLUDED_FILE.matcher(master);
            while (included.find()) {
                String file = directory + included.group(1);
                update(digest, file, read(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** True when the database records exactly this fingerprint; false also when it records none. */
    static boolean isRecorded(DataSource dataSource, String fingerprint) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT fingerprint FROM schema_fingerprint WHERE id = ?")) {
            select.setInt(1, ROW_ID);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && fingerprint.equals(row.getString(1));
            }
        } catch (SQLException noTableYetOrUnreadable) {
            return false;
        }
    }

    /** Records the fingerprint of the changelog the schema was just migrated with. */
    static void record(DataSource dataSource, String fingerprint, long nowMillis) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE schema_fingerprint SET fingerprint = ?, recorded_at = ? WHERE id = ?")) {
                update.setString(1, fingerprint);
                update.setLong(2, nowMillis);
                update.setInt(3, ROW_ID);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_fingerprint (id, fingerprint, recorded_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, ROW_ID);
                insert.setString(2, fingerprint);
                insert.setLong(3, nowMillis);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                // another instance recorded it at the same moment, after the same migration
            }
        }
    }

    private static void update(MessageDigest digest, String name, byte[] content) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Integer.toString(content.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) 0);
        digest.update(content);
    }

    private static byte[] read(String resource) {
        try (InputStream in = SchemaFingerprint.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("changelog file missing from the classpath: " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
