import { createLogger } from "@/lib/log/create-logger";
import { logSettings } from "@/lib/log/log-settings";
import { setRootLogger } from "@/lib/log/logger";

// Setup file of every test project: code under test logs nowhere unless
// RELAIS_LOG_LEVEL asks (then as the portal would). Tests that look at the
// log install their own (capture-logs.ts); child processes log as usual.
setRootLogger(
  createLogger(
    logSettings("portal", { ...process.env, RELAIS_LOG_LEVEL: process.env.RELAIS_LOG_LEVEL ?? "silent" }),
  ),
);
