package io.userservice.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookUrlEdgesTest {

    private static final String BAD_FORM =
            "The url must be an absolute http or https URL with a host, without user info or fragment.";

    private static void refused(String url, boolean allowInternal, String code, String message) {
        assertThatThrownBy(() -> WebhookUrl.checked(url, allowInternal)).as(url)
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("code", code)
                .hasFieldOrPropertyWithValue("field", "url").hasMessage(message);
    }

    @Test
    void aUrlOfAtMost2048CharactersIsReturnedAsGiven() {
        String base = "https://hooks.example.com/";
        String longest = base + "x".repeat(WebhookUrl.MAX_LENGTH - base.length());

        assertThat(WebhookUrl.checked(longest, false)).isEqualTo(longest);
        assertThat(WebhookUrl.checked("HTTP://Hooks.Example.com/a?b=c", false)).isEqualTo("HTTP://Hooks.Example.com/a?b=c");
        String message = "The url must be an http or https URL of at most 2048 characters.";
        refused(longest + "x", false, "invalid_webhook_url", message);
        for (String missing : Arrays.asList(null, "", "   ")) {
            refused(missing, true, "invalid_webhook_url", message);
        }
    }

    @Test
    void onlyAbsoluteHttpUrlsWithAHostAndWithoutUserOrFragmentAreTaken() {
        refused("https://hooks.example.com/%zz", false, "invalid_webhook_url", "The url is not a valid URL.");
        for (String url : List.of("ftp://hooks.example.com/", "/hooks", "https:/hooks", "https://ann@hooks.example.com/",
                "https://hooks.example.com/#part", "javascript:alert(1)")) {
            refused(url, true, "invalid_webhook_url", BAD_FORM);
        }
    }

    @Test
    void internalHostsAreRefusedUnlessAllowed() {
        String message = "The url points into the internal network, which this server does not allow for webhooks.";
        for (String url : List.of("http://localhost:8080/hook", "http://LOCALHOST/hook", "https://api.localhost/hook",
                "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://[::1]/hook", "https://[fd00::1]/hook",
                "https://[::ffff:10.0.0.1]/hook", "https://169.254.169.254/latest")) {
            refused(url, false, "webhook_url_not_allowed", message);
            assertThat(WebhookUrl.checked(url, true)).isEqualTo(url);
        }
    }

    @Test
    void publicHostsAndNamesAreTakenWithoutALookup() {
        for (String url : List.of("https://93.184.215.14/hook", "https://[2606:4700::1111]/hook",
                "https://localhost.example.com/hook", "https://mylocalhost/hook", "https://hooks.example.com/hook")) {
            assertThat(WebhookUrl.checked(url, false)).as(url).isEqualTo(url);
        }
    }
}
