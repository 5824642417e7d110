import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, unwatchFile, watchFile } from "node:fs";
import path from "node:path";
import { createSecureContext } from "node:tls";
import type { Log } from "@/lib/log/log";
import type { RelaySettings } from "./relay-settings";

export type CertificatePair = { cert: Buffer; key: Buffer };

/** Writes a self-signed certificate and its key (EC P-256) with openssl, for the names given. */
export function writeSelfSignedCertificate(
  files: { certFile: string; keyFile: string },
  commonName: string,
  names: string[],
  days = 825,
): void {
  const subjectAltName = [...new Set(names)]
    .map((name) => (/^[\d.]+$/.test(name) || name.includes(":") ? `IP:${name}` : `DNS:${name}`))
    .join(",");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      String(days),
      "-subj",
      `/CN=${commonName}`,
      "-addext",
      `subjectAltName=${subjectAltName}`,
      "-keyout",
      files.keyFile,
      "-out",
      files.certFile,
    ],
    { stdio: "ignore" },
  );
}

/**
 * A self-signed certificate for the embedded first run and the demo, made once
 * with openssl in the data folder. Devices on a real network need the
 * operator's own certificate (RELAIS_RELAY_TLS_CERT / _KEY).
 */
function ensureGeneratedCertificate(dir: string, host: string): { certFile: string; keyFile: string } {
  // The folder is the data folder, chosen at run time: not a file of the build (turbopackIgnore keeps
  // Next.js's file tracing from copying the whole project into the server's output for it).
  const files = { certFile: path.join(dir, "relay-cert.pem"), keyFile: path.join(dir, "relay-key.pem") };
  if (
    existsSync(/*turbopackIgnore: true*/ files.certFile) &&
    existsSync(/*turbopackIgnore: true*/ files.keyFile)
  )
    return files;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeSelfSignedCertificate(files, host, ["localhost", host, "127.0.0.1"]);
  return files;
}

/** Where the relay's certificate and key are read from: the operator's files, or generated ones. */
export function certificateFiles(settings: RelaySettings): { certFile: string; keyFile: string } {
  if (settings.certFile && settings.keyFile)
    return { certFile: settings.certFile, keyFile: settings.keyFile };
  return ensureGeneratedCertificate(settings.generatedCertDir!, settings.publicHost);
}

/** Reads the pair and checks that it makes a TLS context (a key that does not match its certificate throws). */
export function readCertificatePair(files: { certFile: string; keyFile: string }): CertificatePair {
  const pair = { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
  createSecureContext(pair);
  return pair;
}

/**
 * Calls `onChange` with the new pair when either file changes (a renewed
 * certificate), polled so that a renewal tool replacing the files or their
 * symbolic links is seen. A pair that does not load is reported and the
 * current one kept. Returns the function that stops watching.
 */
export function watchCertificate(
  files: { certFile: string; keyFile: string },
  onChange: (pair: CertificatePair) => void,
  log: Log,
  intervalMs = 2000,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    // Both files usually change one after the other: wait for the second.
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        onChange(readCertificatePair(files));
        log.info("TLS certificate reloaded");
      } catch (error) {
        log.error({ err: error }, "TLS certificate not reloaded; keeping the current one");
      }
    }, 200);
  };
  watchFile(files.certFile, { interval: intervalMs }, reload);
  watchFile(files.keyFile, { interval: intervalMs }, reload);
  return () => {
    clearTimeout(timer);
    unwatchFile(files.certFile, reload);
    unwatchFile(files.keyFile, reload);
  };
}
