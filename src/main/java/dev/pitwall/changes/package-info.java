/**
 * Changes: the change log (deploys, rollbacks, config changes, feature flags, migrations, infra),
 * "what changed between T1 and T2", and the ways changes come in: the API, the CLI (through the
 * API), GitHub deployment webhooks, CDEvents and PagerDuty change events. Its public contract:
 * {@code ChangeLog} (read service: {@code find}, {@code overlapping}, {@code lastSucceededDeploy},
 * {@code diff}) returning {@code RecordedChange} (with {@code Commit}, {@code Link},
 * {@code ChangeSource}); the durable {@code ChangeFinished}, published in the transaction in which
 * a change reaches a final status, exactly once per change; the plain Spring event
 * {@code ChangeRecorded}, published after commit (from a {@code TransactionSynchronization}'s
 * {@code afterCommit}, on the module's own dispatch thread) when a change is created or its status
 * changes; {@code VerificationReported}, which it consumes from checks; and {@code ChangePanel},
 * the sections other modules add to the change page. May call catalog, and accounts to check the
 * ingest token that PagerDuty senders put in the body.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Changes",
        allowedDependencies = {"system", "catalog", "accounts"})
package dev.pitwall.changes;
