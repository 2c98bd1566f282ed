package dev.pitwall.catalog;

/** Where to ask for a rollback of a service whose post-deploy verification failed. */
public record RollbackHook(String url, String secret) {

    @Override
    public String toString() {
        return "RollbackHook[" + url + "]";
    }
}
