package io.userservice.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {

    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Test
    void verifiesWhatItHashedAndNothingElse() {
        String hash = hasher.hash("correct horse");

        assertThat(hash).startsWith("$2b$04$").hasSize(60);
        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("correct horsE", hash)).isFalse();
        assertThat(hasher.hash("correct horse")).isNotEqualTo(hash);
    }

    @Test
    void everyByteOfALongPasswordCounts() {
        String prefix = "p".repeat(72);
        String hash = hasher.hash(prefix + "A");

        assertThat(hasher.verify(prefix + "A", hash)).isTrue();
        assertThat(hasher.verify(prefix + "B", hash)).isFalse();
        assertThat(hasher.verify(prefix, hash)).isFalse();
    }

    @Test
    void theFullMaximumLengthWorks() {
        String longest = "é".repeat(1024);
        String hash = hasher.hash(longest);

        assertThat(hasher.verify(longest, hash)).isTrue();
        assertThat(hasher.verify("é".repeat(1023) + "e", hash)).isFalse();
    }

    @Test
    void theBoundaryBetweenRawAndPreHashedInputIsExact() {
        String raw71 = "x".repeat(71);
        String long72 = "x".repeat(72);

        assertThat(hasher.verify(raw71, hasher.hash(raw71))).isTrue();
        assertThat(hasher.verify(long72, hasher.hash(long72))).isTrue();
        assertThat(hasher.verify(raw71, hasher.hash(long72))).isFalse();
    }

    @Test
    void acceptsHashesMadeElsewhere() {
        // published reference vectors: OpenBSD-style $2a$ and PHP's $2y$
        assertThat(hasher.verify("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.")).isTrue();
        assertThat(hasher.verify("rasmuslerdorf", "$2y$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq"))
                .isTrue();
        assertThat(hasher.verify("rasmuslerdorf", "$2b$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq"))
                .isTrue();
        assertThat(hasher.verify("rasmuslerdorF", "$2y$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq"))
                .isFalse();
    }

    @Test
    void aMalformedHashOrNulPasswordIsSimplyNoMatch() {
        assertThat(hasher.verify("whatever", "not a hash")).isFalse();
        assertThat(hasher.verify("whatever", "$2a$06$tooShort")).isFalse();
        assertThat(hasher.verify("whatever", null)).isFalse();
        assertThat(hasher.verify("a\u0000b", hasher.hash("a"))).isFalse();
    }

    @Test
    void asksForARehashWhenTheCostRose() {
        String weak = hasher.hash("correct horse");

        assertThat(hasher.needsRehash(weak)).isFalse();
        assertThat(new BcryptPasswordHasher(5).needsRehash(weak)).isTrue();
        assertThat(new BcryptPasswordHasher(5).verify("correct horse", weak)).isTrue();
        assertThat(hasher.needsRehash("$2y$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq")).isFalse();
    }
}
