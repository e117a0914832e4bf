package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonValue;
import io.userservice.core.domain.Role;
import io.userservice.core.domain.User;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user as the Nexudus-compatible API shows it: every field of the Nexudus documents' example, in its order.
 * Fields this service has no notion of (businesses, currencies, passports, notification settings)
 * carry neutral values so that clients find every key they expect.
 */
record NexudusUserJson(@JsonValue Map<String, Object> fields) {

    private static final List<String> NOTIFICATION_FLAGS = List.of("OnNewEmail", "OnHelpDeskMsg", "OnNewWallPost",
            "OnNewMember", "OnProfileChanges", "OnNewBlogComment", "OnNewEventComment", "OnTariffChange",
            "OnBookingChange", "OnPurchases", "OnVisitorRegistration", "OnPlaformInvoices", "ReceiveCommunityDigest",
            "ReceiveEveryMessage");

    /** @param accessToken null where the endpoint hands out no token */
    static NexudusUserJson of(User user, String accessToken) {
        String email = user.email().value();
        String fullName = fullName(user);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("NewPasswordConfirm", null);
        f.put("OldPassword", null);
        f.put("DefaultBusinessId", 0);
        f.put("DefaultBusinessName", null);
        f.put("DefaultCurrencyId", 0);
        f.put("DefaultCurrencyName", null);
        f.put("DefaultCurrencyCode", null);
        f.put("DefaultCountryId", 0);
        f.put("DefaultCountryName", null);
        f.put("DefaultSimpleTimeZoneId", 0);
        f.put("DefaultSimpleTimeZoneName", null);
        f.put("DefaultSimpleTimeZoneNameIana", null);
        f.put("FullName", fullName);
        f.put("Email", email);
        f.put("AccessToken", accessToken);
        f.put("PreferredLanguageId", 0);
        f.put("NewPassword", null);
        f.put("PassportNumber", null);
        f.put("PassportCardNumber", null);
        f.put("EnablePassportAccess", false);
        f.put("Active", !user.deactivated());
        f.put("IsAdmin", user.roles().contains(Role.ADMIN));
        f.put("APIAccess", false);
        f.put("Validated", user.confirmed());
        f.put("MustResetPassword", false);
        f.put("LastAccess", null);
        f.put("Devices", null);
        NOTIFICATION_FLAGS.forEach(flag -> f.put(flag, false));
        f.put("Businesses", List.of());
        f.put("AddedBusinesses", null);
        f.put("RemovedBusinesses", null);
        f.put("UserRoles", user.roleNames());
        f.put("AddedUserRoles", null);
        f.put("RemovedUserRoles", null);
        f.put("ChatRooms", List.of());
        f.put("AddedChatRooms", null);
        f.put("RemovedChatRooms", null);
        f.put("NewAvatarUrl", null);
        f.put("AvatarFileName", null);
        f.put("ClearAvatarFile", false);
        f.put("Id", user.id());
        f.put("UpdatedOn", nexudusDate(user.updatedAt()));
        f.put("CreatedOn", nexudusDate(user.createdAt()));
        f.put("UniqueId", user.uniqueId().toString());
        f.put("UpdatedBy", email);
        f.put("IsNew", false);
        f.put("SystemId", null);
        f.put("ToStringText", fullName + " - " + email);
        f.put("LocalizationDetails", null);
        return new NexudusUserJson(Collections.unmodifiableMap(f));
    }

    private static String fullName(User user) {
        String name = (nullToEmpty(user.firstname()) + " " + nullToEmpty(user.lastname())).strip();
        return name.isEmpty() ? user.email().value() : name;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /** The Nexudus documents' format: UTC, whole seconds, {@code Z}, as in {@code 2019-12-09T14:50:04Z}. */
    private static String nexudusDate(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
