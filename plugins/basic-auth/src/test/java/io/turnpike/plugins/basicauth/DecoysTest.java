package io.turnpike.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

class DecoysTest {

    private static StoredPassword bcrypt(int cost, String password) {
        return StoredPassword.parse(BCrypt.withDefaults().hashToString(cost, password.toCharArray()));
    }

    private static final StoredPassword PBKDF2 = StoredPassword.parse(
            "$pbkdf2-sha256$1000$dHVybnBpa2Utc2FsdC0xNg$RJkF6Z6i7RBBmqJeFFzi6wfuQGn34pYMOWqDdN+O8AU");

    @Test
    void bcryptHashesOfOneCostCostTheSameAndOfAnotherDoNot() {
        assertEquals(bcrypt(4, "a").cost(), bcrypt(4, "b").cost());
        assertNotEquals(bcrypt(4, "a").cost(), bcrypt(5, "a").cost());
    }

    @Test
    void pbkdf2HashesDifferInCostByIterations() {
        StoredPassword more = StoredPassword.parse(
                "$pbkdf2-sha256$2000$dHVybnBpa2Utc2FsdC0xNg$RJkF6Z6i7RBBmqJeFFzi6wfuQGn34pYMOWqDdN+O8AU");

        assertNotEquals(PBKDF2.cost(), more.cost());
    }

    @Test
    void theDecoyHasTheCostMostUsersHave() {
        StoredPassword cheap = bcrypt(4, "a");
        StoredPassword dear = bcrypt(5, "b");

        StoredPassword decoy = Decoys.decoyFor(List.of(cheap, dear, bcrypt(5, "c"), StoredPassword.parse("plain")));

        assertSame(dear, decoy);
    }

    @Test
    void onATieTheFirstCostInConfigOrderWins() {
        StoredPassword first = bcrypt(4, "a");

        assertSame(first, Decoys.decoyFor(List.of(first, PBKDF2)));
    }

    @Test
    void withoutUsersTheDecoyIsAPlainPassword() {
        assertInstanceOf(StoredPassword.Plain.class, Decoys.decoyFor(List.of()));
    }
}
