package io.storyline.local.load;

/** A publisher: a newspaper or broadcaster, or a wire agency whose stories others republish. */
record Outlet(String domain, String name, String wireAbbreviation) {

    boolean isWire() {
        return wireAbbreviation != null;
    }
}
