package dev.punchline.turn.client;

/** The client scenarios against our own TURN server. */
class OurServerScenariosTest extends TurnClientScenarios {

    @Override
    protected TurnServerUnderTest startServer() throws Exception {
        return OurTurnServer.start();
    }
}
