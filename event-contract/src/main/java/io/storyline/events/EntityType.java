package io.storyline.events;

/** Named-entity classes, as the NER model reports them. */
public enum EntityType {
    PERSON, ORGANIZATION, LOCATION, MISC
}
