import GRDB

extension Store {
    /// Migrations are never edited once released; new ones are appended.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: repositories, changes, files") { db in
            try db.create(table: "repository") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                // The first-parent head read by the last complete ingest.
                t.column("ingestedHead", .text)
                t.column("ingestedAt", .double)
            }
            try db.create(table: "change") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("repositoryId", .integer).notNull().references("repository", onDelete: .cascade)
                t.column("sha", .text).notNull()
                // Null for a direct commit.
                t.column("prNumber", .integer)
                t.column("title", .text).notNull()
                t.column("body", .text).notNull()
                t.column("authorName", .text).notNull()
                t.column("authorEmail", .text).notNull()
                t.column("login", .text)
                // Unix seconds of the merge (committer date).
                t.column("mergedAt", .double).notNull()
                t.uniqueKey(["repositoryId", "sha"])
            }
            try db.create(index: "change_by_time", on: "change", columns: ["repositoryId", "mergedAt"])
            try db.create(index: "change_by_pr", on: "change", columns: ["repositoryId", "prNumber"])
            try db.create(table: "file") { t in
                t.column("changeId", .integer).notNull().references("change", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("additions", .integer).notNull()
                t.column("deletions", .integer).notNull()
                t.column("binary", .boolean).notNull()
            }
            try db.create(index: "file_by_change", on: "file", columns: ["changeId"])
        }
        migrator.registerMigration("v2: where each repository's clone lives") { db in
            try db.alter(table: "repository") { t in t.add(column: "gitPath", .text) }
        }
        migrator.registerMigration("v3: language model replies") { db in
            try db.create(table: "llmReply") { t in
                t.primaryKey("key", .text)
                t.column("reply", .text).notNull()
                t.column("createdAt", .double).notNull()
            }
        }
        migrator.registerMigration("v4: GitHub pull requests and sync state") { db in
            // What GitHub adds to a pull request; joined to `change` by number. Files live in `file`.
            try db.create(table: "githubPull") { t in
                t.column("repositoryId", .integer).notNull().references("repository", onDelete: .cascade)
                t.column("number", .integer).notNull()
                t.column("title", .text).notNull()
                t.column("body", .text).notNull()
                t.column("login", .text)
                t.column("mergedAt", .double).notNull()
                t.column("updatedAt", .double).notNull()
                t.column("labels", .text).notNull()  // JSON array of names
                t.column("discussion", .text)  // JSON `Discussion`
                t.primaryKey(["repositoryId", "number"])
            }
            // Windows synced completely, and the time (GitHub's clock) each sync started.
            try db.create(table: "githubWindow") { t in
                t.column("repositoryId", .integer).notNull().references("repository", onDelete: .cascade)
                t.column("since", .double).notNull()
                t.column("until", .double).notNull()
                t.column("watermark", .double).notNull()
            }
            // A sync under way: the search it runs and the cursor after the last stored page.
            try db.create(table: "githubProgress") { t in
                t.column("repositoryId", .integer).notNull().references("repository", onDelete: .cascade)
                t.column("query", .text).notNull()
                t.column("cursor", .text).notNull()
                t.column("watermark", .double).notNull()
                t.primaryKey(["repositoryId", "query"])
            }
            // The conditional-request validator of the cheap "did anything change?" probe.
            try db.alter(table: "repository") { t in
                t.add(column: "githubProbeETag", .text)
                t.add(column: "githubProbeUpdatedAt", .double)
            }
        }
        migrator.registerMigration("v5: diff text of GitHub pull requests") { db in
            // Added and removed lines of the files whose text matters (manifests, env registries), from
            // GitHub's `patch` field, for PRs that no local clone supplies.
            try db.create(table: "githubLines") { t in
                t.column("repositoryId", .integer).notNull().references("repository", onDelete: .cascade)
                t.column("number", .integer).notNull()
                t.column("path", .text).notNull()
                t.column("added", .text).notNull()  // JSON array of lines
                t.column("removed", .text).notNull()
                t.primaryKey(["repositoryId", "number", "path"])
            }
        }
        migrator.registerMigration("v6: diff text of ingested commits") { db in
            // The same lines read from the clone at ingest, per commit and file, so a report spawns no git
            // process for them. A row with no lines records that the file was read and had none (binary).
            try db.create(table: "commitLines") { t in
                t.column("repositoryId", .integer).notNull().references("repository", onDelete: .cascade)
                t.column("sha", .text).notNull()
                t.column("path", .text).notNull()
                t.column("added", .text).notNull()  // JSON array of lines
                t.column("removed", .text).notNull()
                t.primaryKey(["repositoryId", "sha", "path"])
            }
        }
        migrator.registerMigration("v7: what a clone could not tell, and which history was read") { db in
            // A shallow clone's boundary commit: its files are unknown (git shows its whole tree as added).
            try db.alter(table: "change") { t in t.add(column: "filesKnown", .boolean).notNull().defaults(to: true) }
            // A file whose contents the clone lacks (a partial clone): changed, by an unknown number of lines.
            try db.alter(table: "file") { t in t.add(column: "linesKnown", .boolean).notNull().defaults(to: true) }
            try db.alter(table: "repository") { t in
                // The shallow boundary commits of the last ingest (sorted, space-separated); null when the
                // history was read down to its first commit. A change means the history grew backwards.
                t.add(column: "shallowBoundary", .text)
                // Unix seconds of the oldest commit read when the history is shallow: nothing before it is known.
                t.add(column: "historyStart", .double)
            }
        }
        migrator.registerMigration("v8: the hub's ledger") { db in
            // A week's report as last written by the hub: the hash of its inputs (the digest) per language.
            try db.create(table: "hubReport") { t in
                t.column("repository", .text).notNull()
                t.column("week", .text).notNull()
                t.column("language", .text).notNull()
                t.column("inputHash", .text).notNull()
                t.column("writtenAt", .double).notNull()
                t.primaryKey(["repository", "week", "language"])
            }
            // One row per (repository, week, language, target): `sending` is written before the message goes
            // out, `sent` after; a row left `sending` means the process died with the message in flight.
            try db.create(table: "hubDelivery") { t in
                t.column("repository", .text).notNull()
                t.column("week", .text).notNull()
                t.column("language", .text).notNull()
                t.column("target", .text).notNull()
                t.column("state", .text).notNull()
                t.column("inputHash", .text).notNull()
                // The hash of the report last delivered, null until one was.
                t.column("sentHash", .text)
                t.column("attempts", .integer).notNull()
                t.column("lastError", .text)
                t.column("updatedAt", .double).notNull()
                t.primaryKey(["repository", "week", "language", "target"])
            }
            try db.create(table: "hubPass") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("startedAt", .double).notNull()
                t.column("endedAt", .double)
                t.column("failures", .integer)
            }
        }
        migrator.registerMigration("v9: the hub's jobs") { db in
            try db.execute(sql: HubJobSchema.sqlite)
        }
        migrator.registerMigration("v10: recent sends per target") { db in
            try db.execute(sql: HubJobSchema.sendsSQLite)
        }
        return migrator
    }
}
