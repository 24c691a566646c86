package dev.punchline.it;

import dev.punchline.turn.client.TurnClientScenarios;
import dev.punchline.turn.client.TurnServerUnderTest;

/** Our TURN client against coturn's turnserver: the same scenarios as against our own server. */
class CoturnClientScenariosTest extends TurnClientScenarios {

    @Override
    protected TurnServerUnderTest startServer() {
        return CoturnServer.withStaticUser();
    }

    @Override
    protected TurnServerUnderTest startRestServer() {
        return CoturnServer.withRestSecret();
    }
}
