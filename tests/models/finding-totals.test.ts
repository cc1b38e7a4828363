import { findingTotalsSuite } from "./finding-totals.suite";

findingTotalsSuite("SQLite");
