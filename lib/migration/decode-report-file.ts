/** The largest report accepted: 20,000 senders take well under this. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

/**
 * The text of an uploaded report. Exchange exports UTF-8 with a byte order
 * mark; a file re-saved by a spreadsheet may be UTF-16 (with its mark). Other
 * encodings are refused rather than misread: null.
 */
export function decodeReportFile(bytes: Uint8Array): string | null {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
