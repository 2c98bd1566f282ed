/**
 * Catalog: the services Pitwall knows, their owner teams, tiers (1 = most critical), runbooks and
 * the dependencies between them. Every other module names services through it. Calls no other
 * module.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Catalog",
        allowedDependencies = {"system"})
package dev.pitwall.catalog;
