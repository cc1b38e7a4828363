import { snapshotSuite } from "./snapshots.suite";

snapshotSuite("SQLite");
